// Highlight colours in UI order (keys 1–5) and their catalogue keys.
import { HIGHLIGHT_COLORS, type HighlightColor } from '@shared/anchoring/types'
import type { MessageKey } from '../../i18n'

export const COLORS: readonly HighlightColor[] = HIGHLIGHT_COLORS

export const COLOR_LABEL: Record<HighlightColor, MessageKey> = {
  yellow: 'anno.color.yellow',
  green: 'anno.color.green',
  blue: 'anno.color.blue',
  pink: 'anno.color.pink',
  purple: 'anno.color.purple'
}
