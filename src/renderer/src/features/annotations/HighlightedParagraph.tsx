// One paragraph (or verbatim line) of the reading body with its highlights: the view text is split at every
// highlight boundary and each covered run is one <mark> (never nested), coloured by the most recent
// highlight covering it; where highlights overlap, the one underneath shows as a thick underline. The
// element carries data-offset (stored start, used by the reading position) and data-index (its index in
// the shown paragraphs, used to map selections). Marks hold only text, so offsets count cleanly.
import { memo } from 'react'
import { useI18n } from '../../i18n'
import { COLOR_LABEL } from './colors'
import { splitRuns, type LayerHighlight, type LocalSpan, type ViewParagraph } from './ranges'

interface Props {
  p: ViewParagraph
  index: number
  raw: boolean
  spans: LocalSpan[] | undefined
}

function byRecency(a: LayerHighlight, b: LayerHighlight): number {
  return a.order - b.order
}

export const HighlightedParagraph = memo(function HighlightedParagraph({ p, index, raw, spans }: Props) {
  const { t } = useI18n()
  const runs = splitRuns(p.text, spans ?? [])
  const children = runs.map((run) => {
    if (run.highlights.length === 0) return run.text
    const layers = [...run.highlights].sort(byRecency)
    const top = layers[layers.length - 1] as LayerHighlight
    const under = layers.length > 1 ? (layers[layers.length - 2] as LayerHighlight) : null
    const title = layers
      .map((h) => {
        const color = t(COLOR_LABEL[h.color])
        return h.note ? t('anno.markTitleNote', { color, note: h.note.length > 60 ? `${h.note.slice(0, 60)}…` : h.note }) : t('anno.markTitle', { color })
      })
      .reverse()
      .join('\n')
    const cls = [
      'hl',
      `hl--${top.color}`,
      under ? `hl--over-${under.color}` : '',
      layers.some((h) => h.note) ? 'hl--note' : '',
      layers.some((h) => h.pending) ? 'hl--pending' : ''
    ]
      .filter(Boolean)
      .join(' ')
    return (
      // Reachable with Tab: Enter edits its note, Delete removes it (Reader handles the keys).
      <mark key={run.start} className={cls} data-ids={layers.map((h) => h.id).join(' ')} data-color={top.color} title={title} tabIndex={0}>
        {run.text}
      </mark>
    )
  })
  return raw ? (
    <div data-offset={p.start} data-index={index} className="reader__raw-line">
      {children}
    </div>
  ) : (
    <p data-offset={p.start} data-index={index}>
      {children}
    </p>
  )
})
