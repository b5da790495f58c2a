// Script-conversion types shared by the renderer and the main process.
// Kept free of runtime code so importing them never pulls a dictionary into a bundle.

/** Display targets. 'original' shows the stored text untouched. */
export type ScriptId = 'original' | 'cn' | 't' | 'tw' | 'twp' | 'hk' | 'jp'

/** Script an article is detected or declared to be written in. */
export type SourceScript = 'cn' | 't' | 'tw' | 'hk' | 'jp'

/** Every real conversion target (ScriptId without 'original'). */
export type TargetScript = Exclude<ScriptId, 'original'>

export const SCRIPT_IDS: readonly ScriptId[] = Object.freeze(['original', 'cn', 't', 'tw', 'twp', 'hk', 'jp'] as const)

export const SOURCE_SCRIPTS: readonly SourceScript[] = Object.freeze(['cn', 't', 'tw', 'hk', 'jp'] as const)

/**
 * Maps offsets (UTF-16 code units) between the stored text and one converted view of it.
 *
 * The conversion is cut into aligned segments (see offset-map.ts for the exact rules). Offsets on a
 * segment boundary map exactly and round-trip. An offset strictly inside an atomic segment (a phrase
 * whose characters do not correspond one to one) maps to the start of that segment; range helpers
 * widen to the whole segment (start floors, end ceils) so a mapped range always covers every phrase
 * it touches.
 */
export interface OffsetMap {
  readonly storedLength: number
  readonly viewLength: number
  toView(storedOffset: number): number
  toStored(viewOffset: number): number
  toViewRange(start: number, end: number): [number, number]
  toStoredRange(start: number, end: number): [number, number]
}

export interface ScriptConverter {
  readonly from: SourceScript | 'auto'
  readonly to: ScriptId
  convert(text: string): string
  convertWithMap(text: string): { text: string; map: OffsetMap }
}
