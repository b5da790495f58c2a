// Import report: what was imported (each row opens its article), which files were duplicates, and which
// failed with the reason, so an editor can fix and re-import just those.
import type { ImportReport } from '@shared/types'
import { useDisplayText } from '../../app/display-text'
import { Dialog } from '../../components/Dialog'
import { useI18n, type MessageKey } from '../../i18n'
import { mergeReports } from './use-import'

interface Props {
  reports: ImportReport[] | null
  onClose: () => void
  onOpenArticle: (id: number) => void
}

/** How an import's status reads (the report and the history list). */
export const IMPORT_STATUS: Record<ImportReport['status'], MessageKey> = {
  done: 'import.report.status.done',
  cancelled: 'import.report.status.cancelled',
  failed: 'import.report.status.failed',
  running: 'import.report.status.running',
  undone: 'import.report.status.undone'
}

export function ImportReportDialog({ reports, onClose, onOpenArticle }: Props) {
  const { t } = useI18n()
  const displayText = useDisplayText()
  const report = reports ? mergeReports(reports) : null
  return (
    <Dialog open={report !== null} title={t('import.report.title')} onClose={onClose} className="report-dialog">
      {report && (
        <div className="report">
          <p className={`report__status report__status--${report.status}`} role="status">
            {t(IMPORT_STATUS[report.status])}
          </p>
          {report.imported.length + report.duplicates.length + report.failed.length === 0 && <p>{t('import.report.nothing')}</p>}
          {report.failed.length > 0 && (
            <section>
              <h3 className="dialog__section">{t('import.report.failed', { count: report.failed.length })}</h3>
              <ul className="report__list">
                {report.failed.map((x, i) => (
                  <li key={`${x.file}-${i}`} className="report__item report__item--failed">
                    <span className="report__file">{x.file}</span>
                    <span className="report__reason">{x.reason}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {report.imported.length > 0 && (
            <section>
              <h3 className="dialog__section">{t('import.report.imported', { count: report.imported.length })}</h3>
              <ul className="report__list">
                {report.imported.map((x) => (
                  <li key={`${x.id}-${x.file}`}>
                    <button
                      type="button"
                      className="report__item report__item--link"
                      aria-label={t('import.report.open', { title: displayText(x.title) })}
                      onClick={() => {
                        onOpenArticle(x.id)
                        onClose()
                      }}
                    >
                      <span className="report__title">{displayText(x.title)}</span>
                      <span className="report__file">{x.file}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {report.duplicates.length > 0 && (
            <section>
              <h3 className="dialog__section">{t('import.report.duplicates', { count: report.duplicates.length })}</h3>
              <ul className="report__list">
                {report.duplicates.map((x) => (
                  <li key={`${x.file}-${x.duplicateOf}`} className="report__item">
                    <span className="report__file">{x.file}</span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        onOpenArticle(x.duplicateOf)
                        onClose()
                      }}
                    >
                      {t('import.report.duplicateOf', { id: String(x.duplicateOf) })}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              {t('action.dismiss')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
