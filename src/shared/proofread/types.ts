// Public types of the proofreading engine. Kept free of engine code so the UI can import them cheaply.
import type { SourceScript } from '../script/types'

export const FINDING_KINDS = ['mixed-script', 'conversion', 'variant', 'punctuation', 'spacing'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

/**
 * The standard the copy should follow: mainland Simplified, OpenCC Traditional, Taiwan, Hong Kong, Japanese.
 * Taiwan copy with Taiwan vocabulary (twp) follows the Taiwan standard: vocabulary is not a proofreading
 * finding, so a twp article is proofread as tw.
 */
export type Standard = Exclude<SourceScript, 'twp'>

/** One rule per code, so the UI can localise the message (which is plain English). */
export type FindingCode =
  | 'mixed-script.simplified-in-traditional'
  | 'mixed-script.traditional-in-simplified'
  | 'mixed-script.chinese-in-japanese'
  | 'conversion.one-to-many'
  | 'variant.standard-form'
  | 'punctuation.half-width'
  | 'punctuation.parenthesis'
  | 'punctuation.quotes'
  | 'punctuation.ellipsis'
  | 'punctuation.dash'
  | 'spacing.cjk-latin'
  | 'spacing.around-punctuation'

export interface Finding {
  kind: FindingKind
  code: FindingCode
  /** UTF-16 code units into the proofread text; text.slice(start, end) === this.text. */
  start: number
  end: number
  text: string
  /** What replaces `text` when the finding is accepted. */
  suggestion: string
  message: string
}

export interface ProofreadOptions {
  /** An article's source script (twp is read as tw). */
  standard: SourceScript
  /** Kinds to report; all of them when omitted. */
  kinds?: readonly FindingKind[]
}
