// Tag service (main process): counts and tree for the tag browser, undoable edits, and suggestions.
export { listTagCounts, buildTagTree, type TagCountRow, type TagTreeNode, type TagSort } from './counts'
export {
  addTags,
  removeTags,
  renameTag,
  mergeTags,
  deleteTag,
  undoTagOperation,
  cleanTagName,
  type TagOperationKind,
  type TagOperationResult
} from './operations'
export { suggestTags, candidateWords, type TagSuggestion } from './suggest'
