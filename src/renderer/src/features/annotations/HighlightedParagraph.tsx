// One paragraph (or verbatim line) of the reading body with its highlights: the view text is split at every
// highlight boundary and each covered run is one <mark> (never nested), coloured by the most recent
// highlight covering it; where highlights overlap, the one underneath shows as a thick underline. The
// element carries data-offset (stored start, used by the reading position) and data-index (its index in
// the shown paragraphs, used to map selections). With pinyin on, Han characters become <ruby> whose reading
// is generated content (no text node), and in vertical text 1–2 digit runs stand upright; either way every
// text node holds the shown text itself, so offsets still count cleanly.
import { Fragment, memo, useRef, type ReactNode } from 'react'
import { useI18n } from '../../i18n'
import { useRubyReadings } from '../lookup/ruby'
import { useSettings } from '../settings/settings-context'
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

const NEAR_DIGIT = /[0-9A-Za-z.,%]/

/** Length of the 1–2 digit run starting at `i` that stands alone (not part of 2022, 96.4% or A4), else 0. */
function shortDigits(text: string, i: number): number {
  if (!/[0-9]/.test(text[i] ?? '') || NEAR_DIGIT.test(text[i - 1] ?? '')) return 0
  let n = 0
  while (n < 3 && /[0-9]/.test(text[i + n] ?? '')) n++
  return n <= 2 && !NEAR_DIGIT.test(text[i + n] ?? '') ? n : 0
}

/** `text` (starting at paragraph offset `from`) with ruby over read characters and upright short digits. */
function decorate(text: string, from: number, readings: string[] | null, vertical: boolean): ReactNode {
  if (!readings && !vertical) return text
  const out: ReactNode[] = []
  let plain = ''
  const flush = () => {
    if (plain) out.push(plain)
    plain = ''
  }
  for (let i = 0; i < text.length; ) {
    const reading = readings?.[from + i]
    const digits = vertical ? shortDigits(text, i) : 0
    if (reading) {
      flush()
      out.push(
        <ruby key={i}>
          {text[i]}
          <rt data-py={reading} />
        </ruby>
      )
      i += 1
    } else if (digits > 0) {
      flush()
      out.push(
        <span key={i} className="tcy">
          {text.slice(i, i + digits)}
        </span>
      )
      i += digits
    } else {
      plain += text[i]
      i += 1
    }
  }
  flush()
  return out
}

export const HighlightedParagraph = memo(function HighlightedParagraph({ p, index, raw, spans }: Props) {
  const { t } = useI18n()
  const { settings } = useSettings()
  const vertical = settings.writing === 'vertical'
  // One element type or the other is rendered; the intersection type lets one ref serve both.
  const ref = useRef<HTMLDivElement & HTMLParagraphElement>(null)
  // The verbatim original is shown as it is stored: no pinyin there.
  const readings = useRubyReadings(p.text, settings.ruby && !raw, ref)
  const runs = splitRuns(p.text, spans ?? [])
  const children = runs.map((run) => {
    if (run.highlights.length === 0) return <Fragment key={run.start}>{decorate(run.text, run.start, readings, vertical)}</Fragment>
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
        {decorate(run.text, run.start, readings, vertical)}
      </mark>
    )
  })
  return raw ? (
    <div ref={ref} data-offset={p.start} data-index={index} className="reader__raw-line">
      {children}
    </div>
  ) : (
    <p ref={ref} data-offset={p.start} data-index={index}>
      {children}
    </p>
  )
})
