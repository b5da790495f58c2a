// Annotations service (main process): highlights and notes, their undo stack, the library-wide list and
// note rendering for exports. Importing highlights from outside lives in ../annotation-import.
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
export { searchAnnotations } from './search'
export { renderNoteHtml, escapeHtml } from './render-note'
export { UNDO_DEPTH } from '../../db/repositories/annotation.repository'
