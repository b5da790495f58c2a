// Import history: every import with its sources and counts; each can show its report again or be undone
// as a whole (after confirmation), removing exactly the articles that import added.
import { useCallback, useEffect, useState } from 'react'
import type { ImportHistoryEntry, ImportReport } from '@shared/types'
import { call } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { reportError, toastStore } from '../../app/toast-store'
import { useI18n } from '../../i18n'
import { IMPORT_STATUS } from './ImportReportDialog'

interface Props {
  open: boolean
  onClose: () => void
  /** Shows a past import's report in the report dialog. */
  onShowReport: (report: ImportReport) => void
  reloadToken: number
}

export function ImportHistoryDialog({ open, onClose, onShowReport, reloadToken }: Props) {
  const { t, formatDateTime, formatList } = useI18n()
  const [entries, setEntries] = useState<ImportHistoryEntry[] | null>(null)
  const [confirming, setConfirming] = useState<number | null>(null)

  const load = useCallback(() => {
    call('import:history', {}).then(setEntries, (e: unknown) => reportError(e, 'importHistory.title'))
  }, [])

  useEffect(() => {
    if (open) load()
  }, [open, load, reloadToken])

  const undo = async (importId: number): Promise<void> => {
    setConfirming(null)
    try {
      const { removed } = await call('import:undo', { importId })
      toastStore.push({ kind: 'info', key: 'importHistory.undone', params: { count: removed } })
      load()
    } catch (e) {
      reportError(e, 'importHistory.undo')
    }
  }

  return (
    <Dialog open={open} title={t('importHistory.title')} onClose={onClose} className="report-dialog">
      {entries === null ? (
        <p role="status">{t('importHistory.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('importHistory.empty')}</p>
      ) : (
        <ul className="report__list" aria-label={t('importHistory.title')}>
          {entries.map((e) => (
            <li key={e.importId} className="report__item history__item">
              <div className="history__main">
                <span className="report__title">
                  <time dateTime={e.startedAt}>{formatDateTime(e.startedAt)}</time> · {t(IMPORT_STATUS[e.status])}
                </span>
                <span className="report__file" title={e.sources.join('\n')}>
                  {formatList(
                    e.sources.length > 2 ? [...e.sources.slice(0, 2), t('importHistory.more', { count: e.sources.length - 2 })] : e.sources
                  )}
                </span>
                <span className="report__file">
                  {t('import.progress.counts', { imported: e.importedCount, duplicates: e.duplicateCount, failed: e.failedCount })}
                </span>
              </div>
              <div className="history__actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('importHistory.showReport', { date: formatDateTime(e.startedAt) })}
                  onClick={() => {
                    call('import:report', { importId: e.importId }).then(onShowReport, (err: unknown) => reportError(err, 'importHistory.title'))
                  }}
                >
                  {t('importHistory.report')}
                </button>
                {e.status !== 'undone' && e.status !== 'running' && e.importedCount > 0 &&
                  (confirming === e.importId ? (
                    <span role="group" aria-label={t('importHistory.confirm', { count: e.importedCount })}>
                      <span className="history__warning">{t('importHistory.confirm', { count: e.importedCount })}</span>
                      <button type="button" className="button button--small button--primary" onClick={() => void undo(e.importId)}>
                        {t('importHistory.confirmYes')}
                      </button>
                      <button type="button" className="button button--small" onClick={() => setConfirming(null)}>
                        {t('importHistory.confirmNo')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('importHistory.undoOne', { date: formatDateTime(e.startedAt) })}
                      onClick={() => setConfirming(e.importId)}
                    >
                      {t('importHistory.undo')}
                    </button>
                  ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
