// A failure to open the library that is not about the file (here: the samples folder is missing while a
// new library is seeded) is shown as an error and the app quits; it never offers to set the library aside
// or to restore a backup, which would lose a healthy library's work.
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock({ dialogResponse: 1 }))

import { dialog, app } from 'electron'
import { electronState as state } from '../../helpers/electron-mock'
import { startShell } from '../../../src/main/shell'

const root = mkdtempSync(join(tmpdir(), 'marginalia-shell-fail-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

it('shows an error and quits, without the damaged-library dialog, when opening fails for another reason', async () => {
  state.userData = join(root, 'userData')
  const rendererDir = join(root, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marginalia</title>')
  await startShell({ rendererDir, preloadPath: join(root, 'preload.js'), resourcesDir: join(root, 'no-resources'), appRoot: root })
  expect(dialog.showErrorBox).toHaveBeenCalledTimes(1)
  expect(String(vi.mocked(dialog.showErrorBox).mock.calls[0]?.[1])).toMatch(/ENOENT|no such file/)
  expect(dialog.showMessageBox).not.toHaveBeenCalled()
  expect(app.quit).toHaveBeenCalled()
  // Nothing was set aside.
  expect(existsSync(join(state.userData, 'library.sqlite'))).toBe(true)
})
