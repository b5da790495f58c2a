// Tags of the open article, editable in the reader header: remove a tag with its × button, add tags (several
// at once, separated by commas; `/` makes a sub-tag), and one-click suggestions from tags:suggest (shown,
// never applied by themselves). Every change is undoable from the Undo toast or with Ctrl/Cmd+Z. In a
// viewer's read-only library the tags are only listed.
import { useId, useRef, useState, type FormEvent } from 'react'
import type { TagSuggestion } from '@shared/types'
import { call } from '../../api/client'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { useLibraryChanges } from '../../app/use-library-changes'
import { DisplayDatalist } from '../../components/DisplayDatalist'
import { useApiCall } from '../../hooks/use-api-call'
import { useI18n } from '../../i18n'
import { useReadOnly } from '../sync/read-only'
import { parseTagNames } from './tag-filter'
import { useTagNames } from './use-tag-names'
import { runTagOperation } from './undo-store'
import './tags.css'

const SUGGESTIONS = 8

interface Props {
  articleId: number
  tags: string[]
}

export function TagEditor({ articleId, tags: initialTags }: Props) {
  const { t, formatList } = useI18n()
  const display = useDisplayText()
  const langOf = useTextLang()
  const readOnly = useReadOnly()
  const [tags, setTags] = useState(initialTags)
  const [adding, setAdding] = useState(false)
  const [input, setInput] = useState('')
  const [busy, setBusy] = useState(false)
  const names = useTagNames(adding)
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const addButtonRef = useRef<HTMLButtonElement>(null)

  // Another view (the list's bulk actions, rename, undo) may change this article's tags: each change
  // refetches them, and the answer replaces what is shown (adjusting state while rendering).
  const changes = useLibraryChanges()
  const refreshed = useApiCall(changes > 0 ? () => call('articles:get', { id: articleId }) : null, [articleId, changes], { quiet: true }).data
  const [applied, setApplied] = useState(refreshed)
  if (refreshed !== applied) {
    setApplied(refreshed)
    if (refreshed) setTags(refreshed.tags)
  }

  // Suggestions follow the tags (a tag just added is no longer suggested); a failed request suggests nothing.
  const suggested = useApiCall(adding ? () => call('tags:suggest', { id: articleId, limit: SUGGESTIONS }) : null, [adding, articleId, tags], {
    quiet: true
  })
  const suggestions: TagSuggestion[] | null = suggested.error !== null ? [] : (suggested.data ?? null)

  const add = async (list: string[]) => {
    if (list.length === 0 || busy) return false
    setBusy(true)
    const result = await runTagOperation(() => call('tags:add', { articleIds: [articleId], names: list }), {
      key: 'tags.op.add',
      params: { tags: formatList(list.map((n) => t('tags.quoted', { tag: display(n) }))) }
    })
    setBusy(false)
    if (!result) return false
    setTags((current) => [...current, ...list.filter((n) => !current.includes(n))])
    return true
  }

  const remove = async (name: string) => {
    const result = await runTagOperation(() => call('tags:remove', { articleIds: [articleId], names: [name] }), {
      key: 'tags.op.remove',
      params: { tags: t('tags.quoted', { tag: display(name) }) }
    })
    if (result) setTags((current) => current.filter((x) => x !== name))
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (await add(parseTagNames(input))) {
      setInput('')
      inputRef.current?.focus()
    }
  }

  const close = () => {
    setAdding(false)
    setInput('')
    requestAnimationFrame(() => addButtonRef.current?.focus())
  }

  const shownSuggestions = (suggestions ?? []).filter((s) => !tags.includes(s.name))

  return (
    <div className="tag-editor" role="group" aria-label={t('tags.editor.label')}>
      <ul className="tag-editor__list" aria-label={t('reader.tags')}>
        {tags.map((tag) => (
          <li key={tag} className="chip tag-editor__chip">
            <span className="chip__text" lang={langOf(tag)}>
              {display(tag)}
            </span>
            {!readOnly && (
              <button
                type="button"
                className="tag-editor__remove"
                aria-label={t('tags.editor.remove', { tag: display(tag) })}
                title={t('tags.editor.remove', { tag: display(tag) })}
                onClick={() => void remove(tag)}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {!adding && !readOnly && (
          <li>
            <button ref={addButtonRef} type="button" className="link-button tag-editor__add" onClick={() => setAdding(true)}>
              <span aria-hidden="true">+</span> {t('tags.editor.add')}
            </button>
          </li>
        )}
      </ul>
      {adding && !readOnly && (
        <div className="tag-editor__panel">
          <form className="tag-editor__form" onSubmit={(e) => void submit(e)}>
            <input
              ref={inputRef}
              className="text-input text-input--compact"
              aria-label={t('tags.editor.input')}
              placeholder={t('tags.editor.placeholder')}
              list={listId}
              value={input}
              autoFocus
              maxLength={500}
              onChange={(e) => setInput(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault()
                  close()
                }
              }}
            />
            <DisplayDatalist id={listId} values={names.filter((n) => !tags.includes(n))} />
            <button type="submit" className="button button--small" disabled={busy || parseTagNames(input).length === 0}>
              {t('tags.editor.submit')}
            </button>
            <button type="button" className="button button--small" onClick={close}>
              {t('tags.editor.done')}
            </button>
          </form>
          <div className="tag-editor__suggestions" role="group" aria-label={t('tags.suggest.label')}>
            <span className="tag-editor__suggest-title" aria-hidden="true">
              {t('tags.suggest.label')}
            </span>
            {suggestions === null && <span className="tag-editor__muted">{t('tags.suggest.loading')}</span>}
            {suggestions !== null && shownSuggestions.length === 0 && <span className="tag-editor__muted">{t('tags.suggest.none')}</span>}
            {shownSuggestions.map((s) => (
              <button
                key={s.name}
                type="button"
                className="chip chip--suggestion"
                aria-label={t('tags.suggest.apply', { tag: display(s.name) })}
                title={t('tags.suggest.count', { count: s.count })}
                disabled={busy}
                onClick={() => void add([s.name])}
              >
                <span aria-hidden="true">+</span> <span lang={langOf(s.name)}>{display(s.name)}</span>
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  )
}
