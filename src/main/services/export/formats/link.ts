// The one rule for which URLs the exports turn into links (main process; Markdown and HTML, notes and
// articles): http(s), and mailto without an attachment parameter (some mail clients attach the local
// file it names). Anything else (javascript:, data:, file:, …) is written as text.
const LINKABLE_SCHEME = /^(?:https?:\/\/|mailto:)/i
/** Parsers drop controls from URLs, so they could hide what a link does; such a URL stays text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** The URL when an export may link it, else null. The scheme is checked on the text as written. */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url || !LINKABLE_SCHEME.test(url) || CONTROL.test(url)) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'mailto:' && [...parsed.searchParams.keys()].some((k) => /^attach/i.test(k))) return null
  return url
}
