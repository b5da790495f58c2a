// Plain names of the display scripts for the script switches: each written in its own script, the same in
// every UI language (an editor looks for 繁體, not "Traditional (OpenCC)"). The long names stay as tooltips.
import type { ScriptId } from '@shared/types'

export const SHORT_SCRIPT_LABELS: Readonly<Record<ScriptId, string>> = {
  original: '原文',
  cn: '简体',
  t: '繁體',
  tw: '臺灣',
  twp: '臺灣（慣用詞）',
  hk: '香港',
  jp: '日本'
}
