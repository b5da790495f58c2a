// Import progress docked in the sidebar: a determinate bar when the byte total is known, running counts,
// and Cancel. The region is aria-live so progress is announced without stealing focus.
import type { ImportProgress } from '@shared/types'
import { useI18n } from '../../i18n'

interface Props {
  running: Map<number, ImportProgress | null>
  reading: number | null
  onCancel: () => void
}

export function ImportProgressPanel({ running, reading, onCancel }: Props) {
  const { t, formatBytes } = useI18n()
  if (running.size === 0 && reading === null) return null

  const all = [...running.values()].filter((p): p is ImportProgress => p !== null)
  const sum = (f: (p: ImportProgress) => number) => all.reduce((n, p) => n + f(p), 0)
  const bytesDone = sum((p) => p.bytesDone)
  const totalKnown = all.length > 0 && all.every((p) => p.bytesTotal !== null)
  const bytesTotal = totalKnown ? sum((p) => p.bytesTotal ?? 0) : null
  const fraction = bytesTotal ? Math.min(1, bytesDone / bytesTotal) : null

  // The file being worked on counts from 1 (filesDone counts finished files); bytes show once some are read.
  const finished = bytesTotal !== null && bytesDone >= bytesTotal
  const current = Math.max(1, finished ? sum((p) => p.filesDone) : sum((p) => p.filesDone) + 1)
  const bytes =
    bytesTotal !== null
      ? t('import.progress.bytes', { done: formatBytes(bytesDone), total: formatBytes(bytesTotal) })
      : bytesDone > 0
        ? formatBytes(bytesDone)
        : null

  return (
    <div className="import-progress" role="region" aria-label={t('import.progress.label')}>
      <div aria-live="polite" className="import-progress__text">
        {reading !== null && running.size === 0 ? (
          <span>{t('import.reading', { count: reading })}</span>
        ) : all.length === 0 ? (
          <span>{t('import.progress.starting')}</span>
        ) : (
          <>
            <span>{t('import.progress.files', { current })}</span>
            <span className="import-progress__counts">
              {t('import.progress.counts', { imported: sum((p) => p.imported), duplicates: sum((p) => p.duplicates), failed: sum((p) => p.failed) })}
            </span>
            {bytes !== null && <span className="import-progress__bytes">{bytes}</span>}
          </>
        )}
      </div>
      <div
        className={`progress${fraction === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('import.progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div className="progress__bar" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
      </div>
      {running.size > 0 && (
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('import.cancel')}
        </button>
      )}
    </div>
  )
}
