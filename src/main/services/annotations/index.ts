// Annotations service (main process): highlights and notes, their undo stack, the library-wide list,
// note rendering for exports, and importing highlights from our JSON export, Kindle and format parsers.
export {
  ANCHOR_FOLD,
  anchorRow,
  compareViews,
  createAnnotation,
  deleteAnnotationById,
  listAnnotations,
  NOTE_MAX_LENGTH,
  undoLastChange,
  updateAnnotationFields,
  type CreateAnnotationInput
} from './service'
export { searchAnnotations, ensureFoldFunction } from './search'
export { renderNoteHtml, escapeHtml } from './render-note'
export {
  attachImportedAnnotations,
  importAnnotationsJson,
  importKindleClippings,
  type AnnotationImportReport,
  type UnmatchedAnnotation
} from '../annotation-import'
export { parseKindleClippings, parseKindleDate, type KindleClipping } from '../annotation-import/kindle'
export { UNDO_DEPTH } from './repository'
