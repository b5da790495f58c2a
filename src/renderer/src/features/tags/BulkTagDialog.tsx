// Add or remove tags on many articles at once (the list's multi-selection). Removing offers the tags the
// selected articles carry as checkboxes; either way names can be typed, several separated by commas.
import { useId, useState, type FormEvent } from 'react'
import { call } from '../../api/client'
import { useDisplayText } from '../../app/display-text'
import { Dialog } from '../../components/Dialog'
import { DisplayDatalist } from '../../components/DisplayDatalist'
import { useI18n } from '../../i18n'
import { parseTagNames } from './tag-filter'
import { useTagNames } from './use-tag-names'
import { runTagOperation } from './undo-store'

export interface BulkTagRequest {
  mode: 'add' | 'remove'
  articleIds: number[]
  /** Tags the selected (loaded) articles carry, offered when removing. */
  present: string[]
}

interface Props {
  request: BulkTagRequest | null
  onClose: () => void
}

export function BulkTagDialog({ request, onClose }: Props) {
  const { t } = useI18n()
  const title = request ? t(request.mode === 'add' ? 'tags.bulk.addTitle' : 'tags.bulk.removeTitle', { count: request.articleIds.length }) : ''
  return (
    <Dialog open={request !== null} title={title} onClose={onClose} className="tag-dialog">
      {request && <BulkTagForm key={`${request.mode}:${request.articleIds.join(',')}`} request={request} onClose={onClose} />}
    </Dialog>
  )
}

function BulkTagForm({ request, onClose }: { request: BulkTagRequest; onClose: () => void }) {
  const { t, formatList } = useI18n()
  const display = useDisplayText()
  const [input, setInput] = useState('')
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set())
  const [busy, setBusy] = useState(false)
  const names = useTagNames(request.mode === 'add')
  const listId = useId()
  const inputId = useId()

  const chosen = [...new Set([...checked, ...parseTagNames(input)])]

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (chosen.length === 0 || busy) return
    setBusy(true)
    const args = { articleIds: request.articleIds, names: chosen }
    const result = await runTagOperation(() => call(request.mode === 'add' ? 'tags:add' : 'tags:remove', args), {
      key: request.mode === 'add' ? 'tags.op.add' : 'tags.op.remove',
      params: { tags: formatList(chosen.map((n) => t('tags.quoted', { tag: display(n) }))) }
    })
    setBusy(false)
    if (result) onClose()
  }

  return (
    <form className="form tag-form" onSubmit={(e) => void submit(e)}>
      {request.mode === 'remove' && request.present.length > 0 && (
        <fieldset className="tag-form__choices">
          <legend className="tag-form__label">{t('tags.bulk.present')}</legend>
          {request.present.map((name) => (
            <label key={name} className="tag-form__choice">
              <input
                type="checkbox"
                checked={checked.has(name)}
                onChange={(e) =>
                  setChecked((s) => {
                    const next = new Set(s)
                    if (e.target.checked) next.add(name)
                    else next.delete(name)
                    return next
                  })
                }
              />
              {display(name)}
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor={inputId} className="tag-form__label">
        {t('tags.bulk.input')}
      </label>
      <input
        id={inputId}
        className="text-input"
        value={input}
        list={request.mode === 'add' ? listId : undefined}
        placeholder={t('tags.editor.placeholder')}
        maxLength={500}
        onChange={(e) => setInput(e.target.value)}
      />
      {request.mode === 'add' && <DisplayDatalist id={listId} values={names} />}
      <p className="form__hint">{t('tags.bulk.hint')}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || chosen.length === 0}>
          {t(request.mode === 'add' ? 'tags.bulk.addSubmit' : 'tags.bulk.removeSubmit')}
        </button>
      </div>
    </form>
  )
}
