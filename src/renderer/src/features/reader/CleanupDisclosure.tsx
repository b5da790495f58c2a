// "What cleanup removed": a closed-by-default disclosure so editors can check the cleaner did not drop text.
import type { CleanupInfo } from '@shared/types'
import { useDisplayText } from '../../app/display-text'
import { useI18n } from '../../i18n'

export function CleanupDisclosure({ removed }: { removed: CleanupInfo }) {
  const { t } = useI18n()
  const display = useDisplayText()
  const headlines = removed.relatedHeadlines ?? []
  const placeholders = removed.placeholders ?? []
  const glosses = removed.pinyinGlosses ?? 0
  const nothing = headlines.length === 0 && placeholders.length === 0 && glosses === 0
  return (
    <details className="cleanup">
      <summary className="cleanup__summary">{t('reader.removed.summary')}</summary>
      <div className="cleanup__body">
        {nothing && <p>{t('reader.removed.nothing')}</p>}
        {headlines.length > 0 && (
          <>
            <h3 className="cleanup__heading">{t('reader.removed.relatedHeadlines', { count: headlines.length })}</h3>
            <ul className="cleanup__list">
              {headlines.map((h, i) => (
                <li key={i}>{display(h)}</li>
              ))}
            </ul>
          </>
        )}
        {placeholders.length > 0 && (
          <>
            <h3 className="cleanup__heading">{t('reader.removed.placeholders', { count: placeholders.length })}</h3>
            <ul className="cleanup__list">
              {placeholders.map((h, i) => (
                <li key={i}>{display(h)}</li>
              ))}
            </ul>
          </>
        )}
        {glosses > 0 && <p>{t('reader.removed.pinyinGlosses', { count: glosses })}</p>}
      </div>
    </details>
  )
}
