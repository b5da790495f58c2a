// Window size and position survive restarts, and a position on a display that is gone is forgotten.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../src/main/window-state'
import { tempDir } from '../../helpers/test-db'

const DISPLAYS = [{ x: 0, y: 0, width: 1920, height: 1080 }]

describe('window state', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())
  const file = join(tmp.dir, 'window-state.json')

  it('round-trips size, position and maximised state, written atomically', () => {
    saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true })
    expect(loadWindowState(file, DISPLAYS)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1400 })
  })

  it('forgets a position on a display that was unplugged, keeps the size', () => {
    saveWindowState(file, { x: 3000, y: 200, width: 1200, height: 800, maximized: false })
    expect(loadWindowState(file, DISPLAYS)).toEqual({ width: 1200, height: 800, maximized: false })
  })

  it('falls back to defaults for a missing, damaged or absurd file', () => {
    expect(loadWindowState(join(tmp.dir, 'missing.json'), DISPLAYS)).toEqual(DEFAULT_WINDOW_STATE)
    writeFileSync(file, '{not json')
    expect(loadWindowState(file, DISPLAYS)).toEqual(DEFAULT_WINDOW_STATE)
    writeFileSync(file, JSON.stringify({ width: 5, height: 1e9 }))
    expect(loadWindowState(file, DISPLAYS)).toEqual(DEFAULT_WINDOW_STATE)
  })
})
