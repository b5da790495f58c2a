// Right-hand panel of the reader: every highlight of the open article in reading order (quote in the
// current script, rendered note), with colour / note / delete controls and undo. Highlights that can no
// longer be located in the shown text are listed separately as "无法定位" — shown, never dropped. In a team
// archive, colleagues' highlights are their layer (no edit controls; shown or hidden by the header's
// toggle, the setting colleagueLayers), and a viewer's library offers no edit controls at all. An admin
// may hide a colleague's highlight from the whole group (confirmed, then offered Undo).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { AnnotationView, HighlightColor } from '@shared/anchoring/types'
import type { Settings } from '@shared/types'
import { useDisplayText } from '../../app/display-text'
import { hasCjk } from '../../app/script-loader'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { HideControl } from '../discussion/Discussion'
import { hideForEveryone, useIsAdmin } from '../discussion/use-moderation'
import { COLOR_LABEL, COLORS } from './colors'
import { shownLayers } from '../sync/colleague-layers'
import { useReadOnly } from '../sync/read-only'
import '../sync/sync.css'
import { useSettings } from '../settings/settings-context'
import { NoteMarkdown } from './NoteMarkdown'
import { reloadShownAnnotations, type Annotations } from './use-annotations'

interface Props {
  annotations: Annotations
  /** The article text being shown (cleaned or original): quotes are read from it where they anchor. */
  shownText: string
  lang: string | undefined
  editingId: number | null
  onEdit: (id: number | null) => void
  onGoTo: (id: number) => void
  onExport: () => void
  onClose: () => void
}

export function AnnotationSidebar({ annotations, shownText, lang, editingId, onEdit, onGoTo, onExport, onClose }: Props) {
  const { t } = useI18n()
  // Quotes and notes are shown in the article's current script (what is stored is unchanged).
  const display = useDisplayText()
  const quoteOf = (a: AnnotationView) => display(!a.orphan && a.start !== null && a.end !== null ? shownText.slice(a.start, a.end) : a.quote)
  const { settings, update } = useSettings()
  const readOnly = useReadOnly()
  const admin = useIsAdmin()
  const showColleagues = settings.colleagueLayers
  const colleagues = annotations.items.filter((a) => a.author).length
  const anchored = shownLayers(annotations.anchored, showColleagues)
  const orphans = shownLayers(annotations.orphans, showColleagues)
  const toggleColleagues = () => {
    const patch: Partial<Settings> = { colleagueLayers: !showColleagues }
    update(patch)
  }
  // Orphans get no "go to": there is nowhere in the text to go.
  const card = (a: (typeof anchored)[number], goTo?: (id: number) => void) => (
    <AnnotationCard
      key={a.id}
      a={a}
      quote={quoteOf(a)}
      note={a.note ? display(a.note) : null}
      lang={lang}
      annotations={annotations}
      readOnly={readOnly}
      admin={admin}
      editing={editingId === a.id}
      onEdit={onEdit}
      {...(goTo ? { onGoTo: goTo } : {})}
    />
  )
  return (
    <aside className="anno-sidebar" aria-label={t('anno.sidebar')}>
      <header className="anno-sidebar__header">
        <h2 className="anno-sidebar__title">
          {t('anno.sidebar')} <span className="anno-sidebar__count">{t('anno.count', { count: anchored.length + orphans.length })}</span>
        </h2>
        {!readOnly && (
          <button type="button" className="button button--small" title={t('anno.undoTitle')} onClick={() => void annotations.undo()}>
            {t('anno.undo')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={onExport}>
          {t('export.button')}
        </button>
        <button type="button" className="icon-button" aria-label={t('anno.sidebarClose')} onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </header>
      {colleagues > 0 && (
        <label className="anno-sidebar__layers">
          <input type="checkbox" checked={showColleagues} onChange={toggleColleagues} /> {t('sync.layers.colleagues')}
          {!showColleagues && <span className="anno-sidebar__count"> · {t('sync.layers.hidden', { count: colleagues })}</span>}
        </label>
      )}
      <div className="anno-sidebar__scroll">
        {annotations.loaded && anchored.length === 0 && orphans.length === 0 && <p className="anno-sidebar__empty">{t('anno.empty')}</p>}
        <ol className="anno-list">
          {anchored.map((a) => card(a, onGoTo))}
        </ol>
        {orphans.length > 0 && (
          <section className="anno-orphans" aria-label={t('anno.orphans')}>
            <h3 className="anno-orphans__title">
              {t('anno.orphans')} ({orphans.length})
            </h3>
            <p className="anno-orphans__hint">{t('anno.orphansHint')}</p>
            <ol className="anno-list">
              {orphans.map((a) => card(a))}
            </ol>
          </section>
        )}
      </div>
    </aside>
  )
}

function AnnotationCard({
  a,
  quote,
  note,
  lang,
  annotations,
  readOnly,
  admin,
  editing,
  onEdit,
  onGoTo
}: {
  a: AnnotationView
  quote: string
  /** The note as shown (current script). */
  note: string | null
  lang: string | undefined
  annotations: Annotations
  readOnly: boolean
  admin: boolean
  editing: boolean
  onEdit: (id: number | null) => void
  onGoTo?: (id: number) => void
}) {
  const { t } = useI18n()
  const pending = a.id < 0
  return (
    <li className={`anno-card anno-card--${a.color}${a.orphan ? ' anno-card--orphan' : ''}`} data-annotation-id={a.id} aria-busy={pending || undefined}>
      {onGoTo && !a.orphan ? (
        <button type="button" className="anno-card__quote" lang={lang} title={t('anno.goTo')} onClick={() => onGoTo(a.id)}>
          {quote}
        </button>
      ) : (
        <blockquote className="anno-card__quote" lang={lang}>
          {quote}
        </blockquote>
      )}
      {editing ? (
        <NoteEditor
          initial={a.note ?? ''}
          onSave={(note) => {
            onEdit(null)
            if (note !== (a.note ?? '')) void annotations.update(a.id, { note: note.trim() === '' ? null : note })
          }}
          onCancel={() => onEdit(null)}
        />
      ) : (
        // A note is the editor's own text: the article's lang when it is written in CJK, the UI's otherwise.
        note && <NoteMarkdown source={note} className="anno-card__note" lang={hasCjk(note) ? lang : undefined} />
      )}
      {a.author && <p className="anno-card__author">{t('sync.author', { name: a.author })}</p>}
      {a.author && admin && !readOnly && (
        <HideControl label={t('moderation.hideHighlight', { name: a.author })} onHide={() => hideForEveryone('annotation', a.id, reloadShownAnnotations)} />
      )}
      {/* A colleague's layer is theirs to change (the server refuses anyone else's edit); a viewer changes none. */}
      {!editing && !pending && !a.author && !readOnly && (
        <div className="anno-card__actions">
          {COLORS.map((c: HighlightColor) => (
            <button
              key={c}
              type="button"
              className={`hl-swatch hl-swatch--small hl-swatch--${c}`}
              aria-label={t('anno.changeColor', { color: t(COLOR_LABEL[c]) })}
              aria-pressed={a.color === c}
              title={t('anno.changeColor', { color: t(COLOR_LABEL[c]) })}
              onClick={() => a.color !== c && void annotations.update(a.id, { color: c })}
            />
          ))}
          <span className="anno-card__spacer" />
          <button type="button" className="link-button" onClick={() => onEdit(a.id)}>
            {a.note ? t('anno.editNote') : t('anno.addNote')}
          </button>
          <button type="button" className="link-button link-button--danger" onClick={() => void annotations.remove(a.id)}>
            {t('anno.delete')}
          </button>
        </div>
      )}
    </li>
  )
}

function NoteEditor({ initial, onSave, onCancel }: { initial: string; onSave: (note: string) => void; onCancel: () => void }) {
  const { t } = useI18n()
  const [value, setValue] = useState(initial)
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      onSave(value)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
    }
  }
  return (
    <div className="note-editor">
      <textarea
        ref={ref}
        className="note-editor__input"
        aria-label={t('anno.noteLabel')}
        value={value}
        rows={4}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="note-editor__hint">{t('anno.noteHint')}</p>
      {value.trim() !== '' && <NoteMarkdown source={value} className="note-editor__preview" />}
      <div className="note-editor__actions">
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="button" className="button button--small button--primary" onClick={() => onSave(value)}>
          {t('anno.save')}
        </button>
      </div>
    </div>
  )
}
