// The Proofread panel beside the reading text (the editor's desk, issue 14): findings on the cleaned text
// grouped by kind with open / total counts, each with its text, suggestion and message in the UI language
// (localised by rule code). A finding's text button shows it in the reader; Accept, Ignore and "Accept all
// of this kind" record decisions in main; the report exports as Markdown or CSV. It docks like the notes
// panel (it uses the same container class).
import { useState } from 'react'
import { FINDING_KINDS, type FindingKind } from '@shared/proofread/types'
import type { ProofreadItem } from '@shared/types'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { Icon } from '../../components/Icon'
import { useI18n, type MessageKey } from '../../i18n'
import { deliverOutcome } from '../export/deliver'
import type { Proofreading } from './use-proofread'
import './proofread.css'

interface Props {
  articleId: number
  proofreading: Proofreading
  lang: string | undefined
  /** The finding shown in the reader, if any. */
  current: ProofreadItem | null
  onGoTo: (item: ProofreadItem) => void
  onClose: () => void
}

export function ProofreadPanel({ articleId, proofreading, lang, current, onGoTo, onClose }: Props) {
  const { t } = useI18n()
  const { data, loading, error, busy, decide } = proofreading
  const [exporting, setExporting] = useState(false)
  const exportReport = async (format: 'md' | 'csv') => {
    setExporting(true)
    try {
      deliverOutcome(await call('proofread:report', { articleId, format }))
    } catch (e) {
      reportError(e, 'error.action.save')
    } finally {
      setExporting(false)
    }
  }
  const groups = FINDING_KINDS.map((kind) => ({ kind, items: data?.items.filter((i) => i.kind === kind) ?? [] })).filter((g) => g.items.length > 0)
  return (
    <aside className="anno-sidebar proof-panel" aria-label={t('proof.panel')} aria-busy={loading || busy}>
      <header className="anno-sidebar__header">
        <h2 className="anno-sidebar__title">
          {t('proof.panel')} {data && <span className="anno-sidebar__count">{t('proof.summary', { count: data.open })}</span>}
        </h2>
        <button type="button" className="button button--small" disabled={!data || exporting} onClick={() => void exportReport('md')}>
          {t('proof.report.md')}
        </button>
        <button type="button" className="button button--small" disabled={!data || exporting} onClick={() => void exportReport('csv')}>
          {t('proof.report.csv')}
        </button>
        <button type="button" className="icon-button" aria-label={t('proof.close')} onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="anno-sidebar__scroll">
        {!data && loading && <p className="anno-sidebar__empty">{t('proof.loading')}</p>}
        {!data && !loading && error !== null && <p className="anno-sidebar__empty">{t('proof.error')}</p>}
        {data && data.items.length === 0 && <p className="anno-sidebar__empty">{t('proof.empty')}</p>}
        {groups.map((g) => (
          <KindGroup key={g.kind} kind={g.kind} items={g.items} lang={lang} busy={busy} current={current} decide={decide} onGoTo={onGoTo} />
        ))}
      </div>
    </aside>
  )
}

function KindGroup({
  kind,
  items,
  lang,
  busy,
  current,
  decide,
  onGoTo
}: {
  kind: FindingKind
  items: ProofreadItem[]
  lang: string | undefined
  busy: boolean
  current: ProofreadItem | null
  decide: Proofreading['decide']
  onGoTo: (item: ProofreadItem) => void
}) {
  const { t } = useI18n()
  const open = items.filter((i) => i.decision === null).length
  const label = t(`proof.kind.${kind}` as MessageKey)
  const headingId = `proof-kind-${kind}`
  return (
    <section className="proof-group" aria-labelledby={headingId}>
      <div className="proof-group__header">
        <h3 id={headingId} className="proof-group__title">
          {label} <span className="proof-group__count">{t('proof.kindCount', { open, count: items.length })}</span>
        </h3>
        <button
          type="button"
          className="button button--small"
          disabled={busy || open === 0}
          aria-label={t('proof.acceptKindLabel', { kind: label, count: open })}
          onClick={() => void decide({ kind }, 'accepted')}
        >
          {t('proof.acceptKind')}
        </button>
      </div>
      <ol className="proof-list">
        {items.map((item) => (
          <FindingRow
            key={`${item.code}:${item.start}:${item.end}`}
            item={item}
            lang={lang}
            busy={busy}
            current={current !== null && current.start === item.start && current.code === item.code}
            decide={decide}
            onGoTo={onGoTo}
          />
        ))}
      </ol>
    </section>
  )
}

function FindingRow({
  item,
  lang,
  busy,
  current,
  decide,
  onGoTo
}: {
  item: ProofreadItem
  lang: string | undefined
  busy: boolean
  current: boolean
  decide: Proofreading['decide']
  onGoTo: (item: ProofreadItem) => void
}) {
  const { t } = useI18n()
  // Spaces and removals are the point of spacing findings: name them rather than show nothing.
  const visible = (s: string, empty: MessageKey) => (s === '' ? t(empty) : s.trim() === '' ? `␣ ${t('proof.space')}` : s)
  const text = visible(item.text, 'proof.nothing')
  const suggestion = visible(item.suggestion, 'proof.nothing')
  const message = t(`proof.code.${item.code}` as MessageKey, { text: item.text, suggestion: item.suggestion })
  return (
    <li className={`proof-item${item.decision ? ` proof-item--${item.decision}` : ''}${current ? ' proof-item--current' : ''}`}>
      <button type="button" className="proof-item__goto" aria-label={t('proof.goTo', { text, suggestion })} aria-current={current || undefined} onClick={() => onGoTo(item)}>
        <span className="proof-item__text" lang={lang}>
          {text}
        </span>
        <span aria-hidden="true"> → </span>
        <span className="proof-item__suggestion" lang={lang}>
          {suggestion}
        </span>
      </button>
      <p className="proof-item__message">{message}</p>
      <div className="proof-item__actions">
        {item.decision === null ? (
          <>
            <button type="button" className="button button--small" disabled={busy} onClick={() => void decide({ items: [item] }, 'accepted')}>
              {t('proof.accept')}
            </button>
            <button type="button" className="button button--small" disabled={busy} onClick={() => void decide({ items: [item] }, 'ignored')}>
              {t('proof.ignore')}
            </button>
          </>
        ) : (
          <>
            <span className="proof-item__status">{t(item.decision === 'accepted' ? 'proof.accepted' : 'proof.ignored')}</span>
            <button type="button" className="button button--small" disabled={busy} onClick={() => void decide({ items: [item] }, 'open')}>
              {t('proof.reopen')}
            </button>
          </>
        )}
      </div>
    </li>
  )
}
