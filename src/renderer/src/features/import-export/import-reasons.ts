// The import report's reasons, in the UI language and in plain words. A failure carries a code and params
// (src/shared/types.ts IMPORT_FAILURE_CODES), which pick the catalogue message; reports stored before codes
// existed have only the English sentence, so the known sentences are still matched by the rules below and
// a system error code (ENOENT, EACCES…) becomes what it means. A sentence not known here is shown as
// written, its codes still explained, so nothing is hidden.
import type { ImportAnnotationEntry, ImportFailure, ImportFailureCode, ImportFailureParams } from '@shared/types'
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

/** Reports stored before failure codes: their reasons (ImportFailure.reason), in order of specificity. */
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
  [/^quote not found in the (article its target names|matching article)$/, 'import.why.anno.notInArticle'],
  [/^it annotates a whole resource, not a passage of text/, 'import.why.anno.wholeResource'],
  [/^(it has no text selector|no selector)/, 'import.why.anno.noSelector'],
  [/does not select text|selectors nested too deeply|its selector is named by IRI/, 'import.why.anno.badSelector'],
  [/^an annotation without a quote$/, 'import.why.anno.noQuote'],
  [/^article (\d+) does not exist$/, 'import.why.anno.articleGone', (m) => ({ id: m[1] ?? '' })],
  [/^the collection's page (.+) is not in this file$/, 'import.why.anno.pageMissing', (m) => ({ page: m[1] ?? '' })],
  [/^Kindle note without a highlight in "(.+)"$/, 'import.why.anno.kindleNoteIn', (m) => ({ title: m[1] ?? '' })],
  [/^Kindle note without a highlight$/, 'import.why.anno.kindleNote'],
  [/^Kindle note attached with its highlight at location (\d+(?:-\d+)?)$/, 'import.why.anno.kindleNoteWith', (m) => ({ location: m[1] ?? '' })],
  [/^Kindle note attached with its highlight$/, 'import.why.anno.kindleNoteWithHighlight'],
  [/^not valid JSON/, 'import.why.badJson'],
  [/^(not an annotation|an annotation without a target|an annotation named by IRI)/, 'import.why.anno.invalid'],
  [/^joined the highlight already on this range$/, 'import.why.anno.joined'],
  [/^already highlighted with this note$/, 'import.why.anno.already'],
  [/^attached$/, 'import.why.anno.attached'],
  [/^bookmark: a place without text$/, 'import.why.anno.bookmark']
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

type Coded = Pick<ImportFailure, 'code'> & { params?: ImportFailureParams }
type Said = (p: ImportFailureParams, w: Words) => string

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v))
const size = (v: string | number | undefined, w: Words): string => w.formatBytes(Number(v))

/** One message per code; `what`/`format` in the params pick the exact case of a broad code. */
export const FAILURE_MESSAGES: Record<ImportFailureCode, Said> = {
  'not-found': (p, w) => w.t(p.op === 'list' ? 'import.why.cannotList' : 'import.why.cannotRead', { cause: w.t('import.sys.ENOENT') }),
  permission: (p, w) => w.t(p.op === 'list' ? 'import.why.cannotList' : 'import.why.cannotRead', { cause: w.t('import.sys.EACCES') }),
  io: (p, w) => w.t(p.op === 'list' ? 'import.why.cannotList' : 'import.why.cannotRead', { cause: systemError(str(p.errno), w.t) }),
  'not-stored': (p, w) => w.t('import.why.cannotStore', { cause: systemError(str(p.errno), w.t) }),
  'not-a-file': (_p, w) => w.t('import.why.notFile'),
  'unsafe-path': (p, w) => (p.target === undefined ? w.t('import.why.unsafeEntry') : w.t('import.why.outsideLink', { target: str(p.target) })),
  empty: (p, w) =>
    w.t(
      p.what === 'record' ? 'import.why.emptyRecord' : p.what === 'archive' ? 'import.why.emptyArchive' : p.what === 'feed' ? 'import.why.emptyFeed' : p.what === 'records' ? 'import.why.noRecords' : 'import.why.emptyFile'
    ),
  'no-article': (_p, w) => w.t('import.why.noArticle'),
  unsupported: (p, w) =>
    w.t(p.what === 'csv' ? 'import.why.csvNoUrl' : p.what === 'json' ? 'import.why.jsonNotArticles' : p.what === 'iptc' ? 'import.why.noArticle' : p.what === 'no-url' ? 'import.why.noUrl' : 'import.why.unsupported'),
  'links-only': (_p, w) => w.t('import.why.linksOnly'),
  'excerpt-only': (p, w) => w.t('import.why.excerpt', { url: str(p.url) }),
  binary: (p, w) => w.t(p.what === 'program' ? 'import.why.program' : 'import.why.binary'),
  undecodable: (p, w) =>
    p.line !== undefined
      ? w.t('import.why.badLine')
      : /^EUC-TW/.test(str(p.encoding))
        ? w.t('import.why.eucTw')
        : p.encoding !== undefined
          ? w.t('import.why.encoding', { name: str(p.encoding) })
          : w.t('import.why.undecodable'),
  'too-large': (p, w) =>
    p.limitChars !== undefined
      ? w.t('import.why.tooLong', { size: Number(p.chars), limit: Number(p.limitChars) })
      : p.sizeBytes !== undefined
        ? w.t('import.why.tooLarge', { size: size(p.sizeBytes, w), limit: size(p.limitBytes, w) })
        : p.limitBytes !== undefined
          ? w.t('import.why.tooLargeLimit', { limit: size(p.limitBytes, w) })
          : w.t('import.why.zipBomb'),
  'too-deep': (p, w) => (p.what === 'archive' ? w.t('import.why.nestedArchive', { levels: Number(p.levels) }) : w.t('import.why.tooDeep')),
  'zip-bomb': (_p, w) => w.t('import.why.zipBomb'),
  corrupt: (_p, w) => w.t('import.why.damaged'),
  'parse-error': (p, w) =>
    w.t(p.format === 'json' ? 'import.why.badJson' : p.format === 'xml' ? 'import.why.badXml' : p.format === 'yaml' ? 'import.why.badYaml' : p.format === 'feed' ? 'import.why.truncatedFeed' : 'import.why.damaged'),
  'no-annotations': (p, w) => w.t(p.format === 'kindle' ? 'import.why.kindleEmpty' : 'import.why.w3cEmpty'),
  cancelled: (_p, w) => w.t('import.why.cancelled'),
  'record-not-saved': (_p, w) => w.t('import.why.recordNotSaved'),
  internal: (p, w) => w.t('import.why.unexpected', { detail: asWritten(str(p.detail), w.t) })
}

/** Why a file or record failed, in the UI language: by its code, or (a report stored before codes) its sentence. */
export function explainFailure(failure: string | (Pick<ImportFailure, 'reason'> & Partial<Coded>), w: Words): string {
  if (typeof failure !== 'string' && failure.code && failure.code in FAILURE_MESSAGES) {
    return FAILURE_MESSAGES[failure.code](failure.params ?? {}, w)
  }
  const reason = typeof failure === 'string' ? failure : failure.reason
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
