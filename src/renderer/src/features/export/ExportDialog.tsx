// Export dialog (File › Export notes…, and the "导出…" buttons): notes of this article / a tag / the whole
// library as Markdown, W3C JSON, Readwise CSV or HTML, or the open article itself as md/html/txt, in the
// original or any target script. The outcome is delivered by deliver.ts (download or "saved to" toast).
import { useState } from 'react'
import type { ArticleExportFormat, ExportScope, NotesExportFormat } from '@shared/anchoring/types'
import { SCRIPT_IDS } from '@shared/script/types'
import type { ScriptId } from '@shared/types'
import { call } from '../../api/client'
import { useDisplayText } from '../../app/display-text'
import { Dialog } from '../../components/Dialog'
import { reportError } from '../../app/toast-store'
import { useI18n, type MessageKey } from '../../i18n'
import { useTagList } from '../annotations/use-tag-list'
import { deliverOutcome } from './deliver'
import '../annotations/annotations.css'

type ExportKind = 'notes' | 'articles'

interface Props {
  open: boolean
  onClose: () => void
  /** The open article, if any ("this article" scope and article export). */
  articleId: number | null
  defaultScript: ScriptId
  /** Articles selected in the list (multi-select), offered as a scope of their own. */
  selectedIds?: readonly number[]
}

const NOTES_FORMATS: { id: NotesExportFormat; label: MessageKey }[] = [
  { id: 'md', label: 'export.format.md' },
  { id: 'json', label: 'export.format.json' },
  { id: 'csv', label: 'export.format.csv' },
  { id: 'html', label: 'export.format.html' }
]
const ARTICLE_FORMATS: { id: ArticleExportFormat; label: MessageKey }[] = [
  { id: 'md', label: 'export.format.md' },
  { id: 'html', label: 'export.format.html' },
  { id: 'txt', label: 'export.format.txt' }
]

export function ExportDialog(props: Props) {
  const { t } = useI18n()
  return (
    <Dialog open={props.open} title={t('export.title')} onClose={props.onClose} className="export-dialog">
      {/* Mounted only while open, so every opening starts from the current article and defaults. */}
      {props.open && <ExportForm {...props} />}
    </Dialog>
  )
}

function ExportForm({ onClose, articleId, defaultScript, selectedIds = [] }: Props) {
  const { t, scriptLabel } = useI18n()
  const display = useDisplayText()
  const tags = useTagList()
  const [kind, setKind] = useState<ExportKind>('notes')
  const hasSelection = selectedIds.length > 0
  const [scope, setScope] = useState<ExportScope>(hasSelection ? 'articles' : articleId !== null ? 'article' : 'library')
  // Article export works on the selection when there is one, else on the open article.
  const articleTargets = hasSelection ? [...selectedIds] : articleId !== null ? [articleId] : []
  const [tagChoice, setTag] = useState<string | null>(null)
  const tag = tagChoice ?? tags?.[0]?.name ?? ''
  const [notesFormat, setNotesFormat] = useState<NotesExportFormat>('md')
  const [articleFormat, setArticleFormat] = useState<ArticleExportFormat>('md')
  const [script, setScript] = useState<ScriptId>(defaultScript)
  const [highlights, setHighlights] = useState(true)
  const [busy, setBusy] = useState(false)

  const canSubmit =
    !busy &&
    (kind === 'articles'
      ? articleTargets.length > 0
      : scope === 'article'
        ? articleId !== null
        : scope === 'articles'
          ? hasSelection
          : scope === 'tag'
            ? tag !== ''
            : true)

  const submit = async () => {
    setBusy(true)
    try {
      const outcome =
        kind === 'articles'
          ? await call('articles:export', { format: articleFormat, articleIds: articleTargets, script, highlights })
          : await call('notes:export', {
              format: notesFormat,
              scope,
              script,
              ...(scope === 'article' ? { articleIds: [articleId as number] } : {}),
              ...(scope === 'articles' ? { articleIds: [...selectedIds] } : {}),
              ...(scope === 'tag' ? { tag } : {})
            })
      if (deliverOutcome(outcome)) onClose()
    } catch (e) {
      reportError(e, 'error.action.export')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (canSubmit) void submit()
      }}
    >
      <div className="segmented" role="group" aria-label={t('export.kind')} style={{ marginBottom: 16 }}>
        <button type="button" className="segmented__item" aria-pressed={kind === 'notes'} onClick={() => setKind('notes')}>
          {t('export.kind.notes')}
        </button>
        <button type="button" className="segmented__item" aria-pressed={kind === 'articles'} onClick={() => setKind('articles')}>
          {t('export.kind.articles')}
        </button>
      </div>

      {kind === 'notes' && (
        <fieldset>
          <legend>{t('export.scope')}</legend>
          <div className="export-dialog__options">
            {hasSelection && (
              <label>
                <input type="radio" name="scope" checked={scope === 'articles'} onChange={() => setScope('articles')} />
                {t('export.scope.selected', { count: selectedIds.length })}
              </label>
            )}
            <label>
              <input type="radio" name="scope" checked={scope === 'article'} disabled={articleId === null} onChange={() => setScope('article')} />
              {t('export.scope.article')}
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'tag'} disabled={!tags || tags.length === 0} onChange={() => setScope('tag')} />
              {t('export.scope.tag')}
            </label>
            {scope === 'tag' && (
              <select className="select select--compact" aria-label={t('export.tag')} value={tag} onChange={(e) => setTag(e.target.value)}>
                {tags?.map((x) => (
                  <option key={x.name} value={x.name}>
                    {display(x.name)} ({x.count})
                  </option>
                ))}
              </select>
            )}
            <label>
              <input type="radio" name="scope" checked={scope === 'library'} onChange={() => setScope('library')} />
              {t('export.scope.library')}
            </label>
          </div>
          {articleId === null && <p className="export-dialog__hint">{t('export.noArticle')}</p>}
        </fieldset>
      )}
      {kind === 'articles' && articleId === null && <p className="export-dialog__hint">{t('export.noArticle')}</p>}

      <fieldset>
        <legend>{t('export.format')}</legend>
        <div className="export-dialog__options">
          {kind === 'notes'
            ? NOTES_FORMATS.map((f) => (
                <label key={f.id}>
                  <input type="radio" name="format" checked={notesFormat === f.id} onChange={() => setNotesFormat(f.id)} />
                  {t(f.label)}
                </label>
              ))
            : ARTICLE_FORMATS.map((f) => (
                <label key={f.id}>
                  <input type="radio" name="format" checked={articleFormat === f.id} onChange={() => setArticleFormat(f.id)} />
                  {t(f.label)}
                </label>
              ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('export.script')}</legend>
        <div className="export-dialog__options">
          <select className="select select--compact" aria-label={t('export.script')} value={script} onChange={(e) => setScript(e.target.value as ScriptId)}>
            {SCRIPT_IDS.map((id) => (
              <option key={id} value={id}>
                {scriptLabel(id)}
              </option>
            ))}
          </select>
          {kind === 'articles' && (
            <label>
              <input type="checkbox" checked={highlights} onChange={(e) => setHighlights(e.target.checked)} />
              {t('export.highlights')}
            </label>
          )}
        </div>
      </fieldset>

      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={!canSubmit}>
          {busy ? t('export.busy') : t('export.submit')}
        </button>
      </div>
    </form>
  )
}
