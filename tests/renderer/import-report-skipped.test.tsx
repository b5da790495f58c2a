// @vitest-environment jsdom
// Issue 11: the import report shows Kindle bookmarks (status `skipped`) in their own section, in the UI
// language and plain words, not among the highlights that found no place and not as a missing quote.
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { expect, it } from 'vitest'
import type { ImportReport, UiLanguage } from '@shared/types'
import { ImportReportDialog } from '@renderer/features/import-export/ImportReportDialog'
import { I18nProvider } from '@renderer/i18n'
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
// jsdom has no modal dialogs: opening one only has to set `open`.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '')
}

const FILE = '/in/My Clippings.txt'
const report: ImportReport = {
  importId: 1,
  status: 'done',
  startedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:00:01.000Z',
  imported: [],
  duplicates: [],
  failed: [],
  linksOnly: [],
  annotations: [
    { file: `${FILE}#1`, quote: '平靜安逸的生活環境', articleId: 3, status: 'attached', reason: 'attached' },
    { file: `${FILE}#2`, quote: '', articleId: null, status: 'skipped', reason: 'bookmark: a place without text' },
    { file: `${FILE}#3`, quote: '', articleId: null, status: 'skipped', reason: 'bookmark: a place without text' },
    { file: `${FILE}#4`, quote: '给岁月以文明', articleId: null, status: 'unmatched', reason: 'no article in the library matches this title or quote' }
  ],
  warnings: []
}

function sections(language: UiLanguage): Map<string, string[]> {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  act(() =>
    root.render(
      <I18nProvider language={language}>
        <ImportReportDialog reports={[report]} onClose={() => undefined} onOpenArticle={() => undefined} />
      </I18nProvider>
    )
  )
  const out = new Map<string, string[]>()
  for (const s of container.querySelectorAll('section')) {
    out.set(s.querySelector('h3')?.textContent ?? '', [...s.querySelectorAll('li')].map((li) => li.textContent ?? ''))
  }
  act(() => root.unmount())
  container.remove()
  return out
}

const EXPECTED: Record<string, { heading: string; row: string; problems: string }> = {
  en: { heading: 'Not highlights or notes, skipped (2)', row: 'A bookmark: it marks a place and holds no text.', problems: 'Highlights and notes not attached (1)' },
  'zh-Hans': { heading: '不是高亮或批注，已跳过（2）', row: '这是书签：只标记位置，没有文字。', problems: '未附上的高亮与批注（1）' },
  'zh-Hant': { heading: '不是畫線或批註，已跳過（2）', row: '這是書籤：只標記位置，沒有文字。', problems: '未附上的畫線與批註（1）' }
}

for (const [language, want] of Object.entries(EXPECTED)) {
  it(`${language}: bookmarks are their own section, after the highlights that found no place`, () => {
    const got = sections(language as UiLanguage)
    const headings = [...got.keys()]
    console.log(`${language} sections: ${headings.join(' | ')}; skipped rows: ${got.get(want.heading)?.join(' / ')}`)
    expect(got.get(want.heading)).toEqual([`${want.row}${FILE}#2`, `${want.row}${FILE}#3`])
    expect(got.get(want.problems)).toHaveLength(1)
    expect(headings.indexOf(want.heading)).toBeGreaterThan(headings.indexOf(want.problems))
  })
}
