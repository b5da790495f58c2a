// Public entry of the script-conversion layer (pure TS; used by the renderer and the main process).
// Converters load their dictionaries lazily; foldForSearch and detectScript are synchronous.
export type { ScriptId, SourceScript, TargetScript, OffsetMap, ScriptConverter } from './types'
export { SCRIPTS, SCRIPT_IDS, SOURCE_SCRIPTS } from './types'
export { SCRIPT_LABELS, type ScriptLabel } from './labels'
export { detectScript } from './detect'
export { foldForSearch } from './fold'
export { loadConverter } from './converter'
