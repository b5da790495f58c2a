// The look-up popover's body: the selection's pinyin (read by word), its forms in every script, its
// CC-CEDICT definitions (dictionary:lookup, offline, in main), and "search the library for this".
import { call } from '../../api/client'
import { useApiCall } from '../../hooks/use-api-call'
import { useI18n } from '../../i18n'
import { requestLibrarySearch } from './library-search'
import './lookup.css'

export function LookupPanel({ text, onDone }: { text: string; onDone: () => void }) {
  const { t, scriptLabel } = useI18n()
  const found = useApiCall(() => call('dictionary:lookup', { text }), [text], { action: 'error.action.load' })
  const r = found.data
  return (
    <div className="lookup" role="dialog" aria-label={t('lookup.title', { text })}>
      <div className="lookup__head">
        <span className="lookup__word">{text}</span>
        {r && <span className="lookup__pinyin">{r.pinyin}</span>}
      </div>
      {found.loading && !r && <p className="lookup__note">{t('lookup.loading')}</p>}
      {r && (
        <>
          <dl className="lookup__forms" aria-label={t('lookup.forms')}>
            {r.forms.map((f) => (
              <div key={f.script} className="lookup__form">
                <dt>{scriptLabel(f.script)}</dt>
                <dd>{f.text}</dd>
              </div>
            ))}
          </dl>
          {r.entries.length === 0 ? (
            <p className="lookup__note">{t('lookup.none')}</p>
          ) : (
            <ul className="lookup__entries" aria-label={t('lookup.definitions')}>
              {r.entries.map((e) => (
                <li key={`${e.traditional}|${e.simplified}|${e.pinyin}`} className="lookup__entry">
                  <span className="lookup__headword" lang="zh">
                    {e.simplified === e.traditional ? e.simplified : `${e.simplified} ${e.traditional}`}
                  </span>{' '}
                  <span className="lookup__entry-pinyin">{e.pinyin}</span>
                  <span className="lookup__english" lang="en">
                    {e.english.join('; ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="lookup__foot">
        <button
          type="button"
          className="hl-popover__action"
          onClick={() => {
            requestLibrarySearch(text)
            onDone()
          }}
        >
          {t('lookup.search')}
        </button>
        <span className="lookup__credit">{t('lookup.credit')}</span>
      </div>
    </div>
  )
}
