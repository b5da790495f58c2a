// @vitest-environment jsdom
// Import progress counts from the first file (the one being read is file 1, not "0 files processed") and
// shows no "0 B" before any byte is read.
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import type { ImportProgress } from '@shared/types'
import { ImportProgressPanel } from '@renderer/features/import-export/ImportProgressPanel'
import { I18nProvider } from '@renderer/i18n'
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function render(progress: ImportProgress): string {
  const container = document.createElement('div')
  const root = createRoot(container)
  act(() =>
    root.render(
      <I18nProvider language="en">
        <ImportProgressPanel running={new Map([[progress.importId, progress]])} reading={null} onCancel={() => undefined} />
      </I18nProvider>
    )
  )
  const text = container.textContent ?? ''
  act(() => root.unmount())
  return text
}

const base: ImportProgress = { importId: 1, filesDone: 0, bytesDone: 0, bytesTotal: null, imported: 0, duplicates: 0, failed: 0 }

describe('ImportProgressPanel', () => {
  it('while the first file is read it says file 1, without 0 B', () => {
    const text = render(base)
    console.log(`progress at start: ${text}`)
    expect(text).toContain('Importing file 1')
    expect(text).not.toMatch(/\b0 files|\b0 B/)
  })

  it('counts the file in hand, and bytes once known', () => {
    expect(render({ ...base, filesDone: 2, bytesDone: 2048, bytesTotal: 4096 })).toContain('Importing file 3')
    expect(render({ ...base, filesDone: 2, bytesDone: 2048, bytesTotal: 4096 })).toContain('2 KB / 4 KB')
    expect(render({ ...base, filesDone: 3, bytesDone: 4096, bytesTotal: 4096 })).toContain('Importing file 3')
  })
})
