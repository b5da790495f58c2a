// Import report: every category of the report, what needs the editor first (failures, then highlights and
// notes that found no place, then links that brought no text), then what went in. Reasons are put in the UI
// language and plain words (import-reasons.ts); each row that names an article opens it.
import { useState, type ReactNode } from 'react'
import type { AnnotationStatus, ImportAnnotationEntry, ImportLinks, ImportReport } from '@shared/types'
import { useDisplayText } from '../../app/display-text'
import { Dialog } from '../../components/Dialog'
import { useI18n, type MessageKey } from '../../i18n'
import { explainAnnotation, explainFailure, explainWarning, reportFileName } from './import-reasons'
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

const ENRICHED: Record<string, MessageKey> = {
  title: 'import.report.field.title',
  author: 'import.report.field.author',
  editor: 'import.report.field.editor',
  publishedAt: 'import.report.field.publishedAt',
  source: 'import.report.field.source',
  url: 'import.report.field.url'
}

/**
 * Which section of the report each annotation status is listed in (every status has one, so a new status
 * in ANNOTATION_STATUSES does not compile until it is shown), and its label where a section mixes statuses.
 */
const ANNOTATION_SECTION: Record<AnnotationStatus, 'problems' | 'attached' | 'duplicate' | 'skipped'> = {
  unmatched: 'problems',
  orphaned: 'problems',
  attached: 'attached',
  duplicate: 'duplicate',
  skipped: 'skipped'
}
const PROBLEM_LABEL: Partial<Record<AnnotationStatus, MessageKey>> = {
  unmatched: 'import.report.anno.unmatched',
  orphaned: 'import.report.anno.orphaned'
}

/** Nothing at all came of the import: no article, duplicate, failure, link or highlight. */
export function isEmptyReport(r: ImportReport): boolean {
  return r.imported.length + r.duplicates.length + r.failed.length + r.linksOnly.length + r.annotations.length + r.warnings.length === 0
}

export function ImportReportDialog({ reports, onClose, onOpenArticle }: Props) {
  const { t } = useI18n()
  const report = reports ? mergeReports(reports) : null
  return (
    <Dialog open={report !== null} title={t('import.report.title')} onClose={onClose} className="report-dialog">
      {report && (
        <div className="report">
          <p className={`report__status report__status--${report.status}`} role="status">
            {t(IMPORT_STATUS[report.status])}
          </p>
          {isEmptyReport(report) && <p>{t('import.report.nothing')}</p>}
          <ReportSections
            report={report}
            open={(id) => {
              onOpenArticle(id)
              onClose()
            }}
          />
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

function ReportSections({ report, open }: { report: ImportReport; open: (id: number) => void }) {
  const words = useI18n()
  const { t, formatList } = words
  const displayText = useDisplayText()
  const inSection = (section: (typeof ANNOTATION_SECTION)[AnnotationStatus]) => report.annotations.filter((a) => ANNOTATION_SECTION[a.status] === section)
  const problems = inSection('problems')
  const attached = inSection('attached')
  const already = inSection('duplicate')
  const skipped = inSection('skipped')
  const links = report.linksOnly.reduce((n, f) => n + f.links, 0)

  const openButton = (id: number, label: string) => (
    <button type="button" className="link-button" onClick={() => open(id)}>
      {label}
    </button>
  )
  const annotationRows = (entries: ImportAnnotationEntry[], showStatus: boolean) => (
    <ul className="report__list">
      {entries.map((a, i) => {
        const label = showStatus ? PROBLEM_LABEL[a.status] : undefined
        return (
          <li key={`${a.file}-${i}`} className={`report__item report__item--${a.status}`}>
            {/* A bookmark has no quote and none is missing: its reason says what it is. */}
            {a.status !== 'skipped' && <span className="report__quote">{a.quote ? `「${displayText(a.quote)}」` : t('import.report.noQuote')}</span>}
            {label && <span className="report__label">{t(label)}</span>}
            {a.reason !== 'attached' && <span className="report__reason">{explainAnnotation(a, words)}</span>}
            <span className="report__file">{a.file}</span>
            {a.articleId !== null && openButton(a.articleId, t('import.report.openArticle', { id: a.articleId }))}
          </li>
        )
      })}
    </ul>
  )

  return (
    <>
      {report.failed.length > 0 && (
        <Section title={t('import.report.failed', { count: report.failed.length })} kind="failed">
          <ul className="report__list">
            {report.failed.map((x, i) => (
              <li key={`${x.file}-${i}`} className="report__item report__item--failed">
                <span className="report__file">{reportFileName(x.file, t)}</span>
                <span className="report__reason">{explainFailure(x, words)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {problems.length > 0 && (
        <Section title={t('import.report.annoProblems', { count: problems.length })} kind="annotations-problems">
          {annotationRows(problems, true)}
        </Section>
      )}
      {report.linksOnly.length > 0 && (
        <Section title={t('import.report.linksOnly', { count: links })} kind="links">
          <ul className="report__list">
            {report.linksOnly.map((f, i) => (
              <li key={`${f.file}-${i}`} className="report__item">
                <LinksFile links={f} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {report.duplicates.length > 0 && (
        <Section title={t('import.report.duplicates', { count: report.duplicates.length })} kind="duplicates">
          <ul className="report__list">
            {report.duplicates.map((x, i) => (
              <li key={`${x.file}-${i}`} className="report__item">
                <span className="report__file">{x.file}</span>
                {x.enriched && x.enriched.length > 0 && (
                  <span className="report__meta">
                    {t('import.report.enriched', { fields: formatList(x.enriched.map((f) => (ENRICHED[f] ? t(ENRICHED[f]) : f))) })}
                  </span>
                )}
                {openButton(x.duplicateOf, t('import.report.duplicateOf', { id: String(x.duplicateOf) }))}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {report.imported.length > 0 && (
        <Section title={t('import.report.imported', { count: report.imported.length })} kind="imported">
          <ul className="report__list">
            {report.imported.map((x) => (
              <li key={`${x.id}-${x.file}`}>
                <button
                  type="button"
                  className="report__item report__item--link"
                  aria-label={t('import.report.open', { title: displayText(x.title) })}
                  onClick={() => open(x.id)}
                >
                  <span className="report__title">{displayText(x.title)}</span>
                  <span className="report__file">{x.file}</span>
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {attached.length > 0 && (
        <Section title={t('import.report.annoAttached', { count: attached.length })} kind="annotations-attached">
          {annotationRows(attached, false)}
        </Section>
      )}
      {already.length > 0 && (
        <Section title={t('import.report.annoDuplicate', { count: already.length })} kind="annotations-duplicate">
          {annotationRows(already, false)}
        </Section>
      )}
      {skipped.length > 0 && (
        <Section title={t('import.report.annoSkipped', { count: skipped.length })} kind="annotations-skipped">
          {annotationRows(skipped, false)}
        </Section>
      )}
      {report.warnings.length > 0 && (
        <Section title={t('import.report.warnings', { count: report.warnings.length })} kind="warnings">
          <ul className="report__list">
            {report.warnings.map((w, i) => (
              <li key={`${w.file}-${i}`} className="report__item">
                <span className="report__file">{w.file}</span>
                <span className="report__reason report__reason--warning">{explainWarning(w.message, words)}</span>
                {openButton(w.articleId, t('import.report.openArticle', { id: w.articleId }))}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  )
}

function Section({ title, kind, children }: { title: string; kind: string; children: ReactNode }) {
  return (
    <section className={`report__section report__section--${kind}`} aria-label={title}>
      <h3 className="dialog__section">{title}</h3>
      {children}
    </section>
  )
}

/** One file's saved links, listed when opened (a bookmarks export can hold thousands). */
function LinksFile({ links }: { links: ImportLinks }) {
  const { t, formatList, formatDate } = useI18n()
  const displayText = useDisplayText()
  const [open, setOpen] = useState(false)
  return (
    <details className="report__links" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="report__file">{links.file}</span> <span className="report__count">{t('import.report.linksFile', { count: links.links })}</span>
      </summary>
      {open && (
        <ul className="report__sublist">
          {links.items.map((l) => (
            <li key={l.item}>
              <span className="report__title">{l.title ? displayText(l.title) : t('import.report.linkUntitled')}</span>
              <span className="report__url">{l.url}</span>
              {l.tags.length > 0 && <span className="report__meta">{t('import.report.linkTags', { tags: formatList(l.tags) })}</span>}
              {l.note && <span className="report__meta">{t('import.report.linkNote', { note: l.note })}</span>}
              {l.savedAt && <span className="report__meta">{t('import.report.linkSaved', { date: formatDate(l.savedAt) })}</span>}
            </li>
          ))}
        </ul>
      )}
    </details>
  )
}
