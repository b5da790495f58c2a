// The import report's reasons, in the UI language and in plain words. The main process writes each reason
// as one English sentence (the CLI prints it as is); here the known sentences become catalogue messages and
// a system error code (ENOENT, EACCES…) becomes what it means. A sentence not known here is shown as written,
// its codes still explained, so nothing is hidden.
import type { ImportAnnotationEntry } from '@shared/types'
import type { MessageKey, Translate } from '../../i18n'

type Params = Record<string, string | number>
/** What the explanations need of the I18n context. */
export interface Words {
  t: Translate
  formatBytes: (n: number) => string
}
type Rule = [RegExp, MessageKey, ((m: RegExpExecArray, w: Words) => Params)?]

const num = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''))
const bytes = (s: string | undefined, w: Words): string => w.formatBytes(num(s))

/** Node's error codes (errno names) an import can meet, in words. */
const SYSTEM_ERRORS: Record<string, MessageKey> = {
  ENOENT: 'import.sys.ENOENT',
  ENOTDIR: 'import.sys.ENOENT',
  EACCES: 'import.sys.EACCES',
  EPERM: 'import.sys.EACCES',
  EISDIR: 'import.sys.EISDIR',
  EBUSY: 'import.sys.EBUSY',
  ETXTBSY: 'import.sys.EBUSY',
  ENOSPC: 'import.sys.ENOSPC',
  EDQUOT: 'import.sys.ENOSPC',
  EMFILE: 'import.sys.EMFILE',
  ENFILE: 'import.sys.EMFILE',
  ELOOP: 'import.sys.ELOOP',
  ENAMETOOLONG: 'import.sys.ENAMETOOLONG',
  EIO: 'import.sys.EIO'
}

const SYSTEM_CODE = /\b(E[A-Z]{2,})\b/g

function systemError(code: string | undefined, t: Translate): string {
  const key = code ? SYSTEM_ERRORS[code] : undefined
  return key ? t(key) : t('import.sys.other')
}

/** Reasons for a file or record that was not imported (ImportFailure.reason), in order of specificity. */
const FAILURE_RULES: Rule[] = [
  [/^the file is empty/, 'import.why.emptyFile'],
  [/^the file contains only whitespace$/, 'import.why.emptyFile'],
  [/^empty: no article text in this record$/, 'import.why.emptyRecord'],
  [/has no article text$/, 'import.why.emptyRecord'],
  [/^no article found in this file$/, 'import.why.noArticle'],
  [/^(not read: the import was cancelled|import cancelled)$/, 'import.why.cancelled'],
  [/^a Web Annotation file with no annotations in it$/, 'import.why.w3cEmpty'],
  [/^Kindle clippings with no highlight or note/, 'import.why.kindleEmpty'],
  [/^excerpt only: .*\((\S+)\)$/, 'import.why.excerpt', (m) => ({ url: m[1] ?? '' })],
  [/^skipped: a link to (.+), outside the chosen folder$/, 'import.why.outsideLink', (m) => ({ target: m[1] ?? '' })],
  [/^not a regular file or folder$/, 'import.why.notFile'],
  [/^([\d,]+) bytes, larger than the ([\d,]+)-byte limit/, 'import.why.tooLarge', (m, w) => ({ size: bytes(m[1], w), limit: bytes(m[2], w) })],
  [/larger than the ([\d,]+)-byte limit/, 'import.why.tooLargeLimit', (m, w) => ({ limit: bytes(m[1], w) })],
  [/exceed the ([\d,]+)-byte limit/, 'import.why.tooLargeLimit', (m, w) => ({ limit: bytes(m[1], w) })],
  [/^archive nested more than (\d+) levels deep$/, 'import.why.nestedArchive', (m) => ({ levels: num(m[1]) })],
  [/^the archive contains no files$/, 'import.why.emptyArchive'],
  [/^this line is not valid UTF-8$/, 'import.why.badLine'],
  [/^(looks like|declared as) EUC-TW/, 'import.why.eucTw'],
  [/^declared as (.+?), an encoding we cannot decode/, 'import.why.encoding', (m) => ({ name: m[1] ?? '' })],
  [/not valid UTF-8/, 'import.why.undecodable'],
  [/^looks like binary data/, 'import.why.binary'],
  [/^looks like .*executable, not text$/, 'import.why.program'],
  [/^looks like .*\b(zip|PNG|JPEG|GIF|PDF|gzip|SQLite)\b.*, not text$/, 'import.why.binaryKind', (m) => ({ kind: m[1] ?? '' })],
  [/^looks like .*, not text$/, 'import.why.binary'],
  [/expands (beyond|more than)|entries, more than the/, 'import.why.zipBomb'],
  [/is damaged|not a readable zip archive|^EPUB without|^EPUB container\.xml/, 'import.why.damaged'],
  [/is not valid JSON/, 'import.why.badJson'],
  [/is not well-formed XML/, 'import.why.badXml'],
  [/^front matter is not valid YAML/, 'import.why.badYaml'],
  [/^truncated or malformed feed/, 'import.why.truncatedFeed'],
  [/feed with no items$/, 'import.why.emptyFeed'],
  [/ with no records$|^the JSON export contains no entries$|^EPUB spine lists no readable/, 'import.why.noRecords'],
  [/nest(ed|ing) (too deeply|deeper than|more than)/, 'import.why.tooDeep'],
  [/^CSV without a URL column/, 'import.why.csvNoUrl'],
  [/^JSON (without article fields|that is neither)/, 'import.why.jsonNotArticles'],
  [/^IPTC XML without/, 'import.why.noArticle'],
  [/^the import's record could not be saved/, 'import.why.recordNotSaved']
]

/** Reasons an incoming highlight or note was not attached (ImportAnnotationEntry.reason). */
const ANNOTATION_RULES: Rule[] = [
  [/^no article in the library (matches this title or quote|contains its quote)$/, 'import.why.anno.noArticle'],
  [/^quote not found in the article its target names$/, 'import.why.anno.notInArticle'],
  [/^it annotates a whole resource, not a passage of text/, 'import.why.anno.wholeResource'],
  [/^(it has no text selector|no selector)/, 'import.why.anno.noSelector'],
  [/does not select text|selectors nested too deeply|its selector is named by IRI/, 'import.why.anno.badSelector'],
  [/^an annotation without a quote$/, 'import.why.anno.noQuote'],
  [/^article (\d+) does not exist$/, 'import.why.anno.articleGone', (m) => ({ id: m[1] ?? '' })],
  [/^the collection's page (.+) is not in this file$/, 'import.why.anno.pageMissing', (m) => ({ page: m[1] ?? '' })],
  [/^Kindle note without a highlight in "(.+)"$/, 'import.why.anno.kindleNoteIn', (m) => ({ title: m[1] ?? '' })],
  [/^Kindle note without a highlight$/, 'import.why.anno.kindleNote'],
  [/^not valid JSON/, 'import.why.badJson'],
  [/^(not an annotation|an annotation without a target|an annotation named by IRI)/, 'import.why.anno.invalid'],
  [/^joined the highlight already on this range$/, 'import.why.anno.joined'],
  [/^already highlighted with this note$/, 'import.why.anno.already'],
  [/^attached$/, 'import.why.anno.attached']
]

function apply(rules: readonly Rule[], reason: string, w: Words): string | null {
  for (const [pattern, key, params] of rules) {
    const m = pattern.exec(reason)
    if (m) return w.t(key, params?.(m, w))
  }
  return null
}

/** A sentence not in the tables: kept as written, with its system error codes put into words. */
function asWritten(reason: string, t: Translate): string {
  return reason.replace(SYSTEM_CODE, (code) => (code in SYSTEM_ERRORS ? systemError(code, t) : code))
}

/** Why a file or record failed, in the UI language. */
export function explainFailure(reason: string, w: Words): string {
  const { t } = w
  const io = /^(cannot read|cannot list folder|could not be stored for import)[:\s(]*(E[A-Z]+)?/.exec(reason)
  if (io) {
    const what: MessageKey = io[1] === 'cannot list folder' ? 'import.why.cannotList' : io[1] === 'cannot read' ? 'import.why.cannotRead' : 'import.why.cannotStore'
    return t(what, { cause: systemError(io[2], t) })
  }
  const unexpected = /^unexpected error: (.*)$/s.exec(reason)
  if (unexpected) return t('import.why.unexpected', { detail: asWritten(unexpected[1] ?? '', t) })
  return apply(FAILURE_RULES, reason, w) ?? asWritten(reason, t)
}

/** Why a highlight or note was (or was not) attached; the target a W3C annotation names follows the reason. */
export function explainAnnotation(entry: Pick<ImportAnnotationEntry, 'reason'>, w: Words): string {
  const at = entry.reason.lastIndexOf('; target: ')
  const head = at >= 0 ? entry.reason.slice(0, at) : entry.reason
  const target = at >= 0 ? entry.reason.slice(at + '; target: '.length) : null
  const said = apply(ANNOTATION_RULES, head, w) ?? explainFailure(head, w)
  return target ? w.t('import.why.anno.withTarget', { reason: said, target }) : said
}

/** What an imported article's reader should look at (ImportWarning.message). */
const WARNING_RULES: Rule[] = [
  [/^imported as plain text: ([\d,]+) HTML elements, more than the ([\d,]+)/, 'import.why.warn.tooManyElements', (m) => ({ count: num(m[1]), limit: num(m[2]) })],
  [/^imported as plain text: sanitising took longer than ([\d,]+) ms/, 'import.why.warn.slow', (m) => ({ ms: num(m[1]) })],
  [/^only ([\d,]+) of ([\d,]+) visible characters survived sanitising/, 'import.why.warn.lost', (m) => ({ kept: num(m[1]), total: num(m[2]) })]
]

export function explainWarning(message: string, w: Words): string {
  return apply(WARNING_RULES, message, w) ?? asWritten(message, w.t)
}

/** `(import)` names the import as a whole (its own failure), not a file. */
export function reportFileName(file: string, t: Translate): string {
  return file === '(import)' ? t('import.report.wholeImport') : file
}
