// Archive import: bytes or paths in, cleaned and sanitised ParsedArticles out. Pure Node (no Electron),
// so it can run in a worker/utility process; parsing is synchronous, I/O only in sources.ts and zip.ts.
//
// EPUB decision: one EPUB becomes ONE article (the whole book, spine documents in reading order).
// Why: an EPUB is one publication with one title/author; splitting per spine document produces
// articles titled "cover" or "Chapter 3" without context, turns covers and ToC pages into junk entries,
// and breaks duplicate detection and highlights that span chapters. The chapter paths are kept in
// `removed.epubChapters`; a per-chapter view can be derived later from the stored HTML headings.
//
// How to add a format:
//   1. Create formats/<name>.ts exporting a FormatModule { id, label, extensions, detect(name, head), parse(name, text, encoding, ctx) }.
//      label and extensions feed the open dialog's filters and the CLI help (IMPORT_FORMATS).
//      detect must be cheap (extension + the first 4 KB of decoded text); parse must be pure and synchronous,
//      build each article with buildArticle() (it sanitises HTML and runs the content-farm cleanup), and throw
//      ImportError with a human-readable reason (links-only exports, empty, unsupported variants…).
//   2. Add it to FORMATS in parse.ts; order matters only when two modules could claim the same file
//      (specific XML dialects before RSS, RSS before generic HTML, plain text last).
//   3. Add tests/main/services/formats/<name>.test.ts against a real file copied into tests/fixtures/import/ and
//      listed in tests/fixtures/import/PROVENANCE.md.
//   Binary containers (zip-based like EPUB) are the exception: they are read through zip.ts and handled
//   in parseFileAsync() and sources.ts.
export { FORMATS, IMPORT_EXTENSIONS, IMPORT_FORMATS, parseFile, parseFileAsync } from './parse'
export {
  DEFAULT_LIMITS,
  ImportError,
  type FormatInfo,
  type FormatModule,
  type ImportedAnnotation,
  type ImportErrorCode,
  type ImportLimits,
  type ParseContext,
  type ParsedArticle,
  type RawFormat,
  type RemovedContent
} from './types'
