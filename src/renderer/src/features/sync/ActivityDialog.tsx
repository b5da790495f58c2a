// The team's activity (issue 15): per day, who imported, highlighted and commented, read live from the
// archive server. Days in the UI locale's date format, counts in its plural rules; offline it says so.
import { useId } from 'react'
import type { SyncActivityView } from '@shared/types'
import { ApiCallError, call } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { useApiCall } from '../../hooks/use-api-call'
import { useI18n, type Translate } from '../../i18n'
import { callErrorWords } from './sync-words'
import './sync.css'

const DAYS = 30

export function ActivityDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <Dialog open={open} title={t('sync.activity.title')} onClose={onClose} className="sync-dialog sync-activity">
      {open && <ActivityBody />}
    </Dialog>
  )
}

type Row = SyncActivityView['rows'][number]

/** The day's counts as words, only those above zero ("imported 2 articles, 3 highlights"). */
function countWords(t: Translate, r: Row): string[] {
  const words: string[] = []
  if (r.imported > 0) words.push(t('sync.activity.imported', { count: r.imported }))
  if (r.annotated > 0) words.push(t('sync.activity.annotated', { count: r.annotated }))
  if (r.commented > 0) words.push(t('sync.activity.commented', { count: r.commented }))
  return words
}

function ActivityBody() {
  const { t, formatDate, formatList } = useI18n()
  const headingId = useId()
  // quiet: a failure is shown here, in the dialog, not as a toast.
  const { data, error } = useApiCall(() => call('sync:activity', { days: DAYS }), [], { quiet: true })
  const days = new Map<string, Row[]>()
  for (const r of data?.rows ?? []) days.set(r.day, [...(days.get(r.day) ?? []), r])
  const offline = error instanceof ApiCallError && (error.details as { kind?: unknown } | undefined)?.kind === 'unreachable'
  return (
    <div className="sync-activity__body">
      <p className="sync-dialog__hint" id={headingId}>
        {t('sync.activity.range', { count: DAYS })}
      </p>
      {error ? (
        <p className="sync-dialog__error" role="alert">
          {offline ? t('sync.activity.offline') : callErrorWords(t, error)}
        </p>
      ) : data === undefined ? (
        <p className="sync-dialog__hint" role="status">
          {t('sync.activity.loading')}
        </p>
      ) : days.size === 0 ? (
        <p className="sync-dialog__hint">{t('sync.activity.empty')}</p>
      ) : (
        <ol className="sync-activity__days" aria-labelledby={headingId}>
          {[...days].map(([day, rows]) => (
            <li key={day} className="sync-activity__day">
              {/* A UTC day named at its noon: the same date in every time zone within ±12 h. */}
              <h3 className="sync-activity__date">
                <time dateTime={day}>{formatDate(`${day}T12:00:00Z`)}</time>
              </h3>
              <ul className="sync-activity__members">
                {rows.map((r) => (
                  <li key={r.member}>
                    <span className="sync-activity__member">{r.member}</span> {formatList(countWords(t, r))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
