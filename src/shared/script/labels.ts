// Display names of the script targets by id, in the three UI languages (declared with the list in types.ts).
import { SCRIPTS, type ScriptId, type ScriptLabel } from './types'

export type { ScriptLabel }

export const SCRIPT_LABELS: Readonly<Record<ScriptId, ScriptLabel>> = Object.freeze(
  Object.fromEntries(SCRIPTS.map((s) => [s.id, s.label])) as Record<ScriptId, ScriptLabel>
)
