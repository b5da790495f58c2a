// Notes are Markdown. Rendered with marked (raw HTML and images shown as text, never interpreted) and then
// sanitised by DOMPurify with a small allow-list: no scripts, no event handlers, no images (a remote src
// would be a network request), links only http/https/mailto — and those open through shell:openExternal
// (see NoteMarkdown), never in the app window.
import DOMPurify from 'dompurify'
import { NOTE_LINK, NOTE_PURIFY_CONFIG as CONFIG, parseNoteMarkdown } from '@shared/notes-markdown'

let hooked = false

// Chinese and Japanese fonts have no italics: the browser slants the glyphs instead. CJK emphasis is
// marked with emphasis dots (着重号) under the characters.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** Safe HTML for a Markdown note. */
export function renderNote(markdown: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      const el = node as Element
      if (el.tagName === 'A') el.setAttribute('rel', 'noopener noreferrer')
      if (el.tagName === 'EM' && CJK.test(el.textContent ?? '')) el.setAttribute('class', 'em-cjk')
    })
    hooked = true
  }
  const html = parseNoteMarkdown(markdown)
  return DOMPurify.sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string
}

/** An external link target the shell may open, or null. */
export function externalHref(href: string | null): string | null {
  if (!href) return null
  return NOTE_LINK.test(href) ? href : null
}
