// Rename, merge and delete dialogs for the tag browser. Each runs one tag operation, which records an undo
// token (the Undo toast and Ctrl/Cmd+Z reverse it); the dialog stays open when the operation fails.
import { useId, useState, type FormEvent } from 'react'
import type { TagTreeNode } from '@shared/types'
import { call } from '../../api/client'
import { useDisplayText } from '../../app/display-text'
import { Dialog } from '../../components/Dialog'
import { DisplayDatalist } from '../../components/DisplayDatalist'
import { useI18n } from '../../i18n'
import { useTagNames } from './use-tag-names'
import { runTagOperation } from './undo-store'

export type TagEditKind = 'rename' | 'merge' | 'delete'

interface Props {
  edit: { kind: TagEditKind; node: TagTreeNode } | null
  onClose: () => void
  /** The tag filter follows renames and merges, and forgets deleted tags. */
  onRenamed: (from: string, to: string) => void
  onDeleted: (name: string) => void
}

export function TagEditDialogs({ edit, onClose, onRenamed, onDeleted }: Props) {
  const { t } = useI18n()
  const display = useDisplayText()
  const title = edit
    ? t(edit.kind === 'rename' ? 'tags.rename.title' : edit.kind === 'merge' ? 'tags.merge.title' : 'tags.delete.title', {
        tag: display(edit.node.name)
      })
    : ''
  return (
    <Dialog open={edit !== null} title={title} onClose={onClose} className="tag-dialog">
      {edit && (
        <TagEditForm key={`${edit.kind}:${edit.node.name}`} {...edit} onClose={onClose} onRenamed={onRenamed} onDeleted={onDeleted} />
      )}
    </Dialog>
  )
}

function TagEditForm({
  kind,
  node,
  onClose,
  onRenamed,
  onDeleted
}: { kind: TagEditKind; node: TagTreeNode } & Omit<Props, 'edit'>) {
  const { t } = useI18n()
  const display = useDisplayText()
  const [value, setValue] = useState(kind === 'rename' ? node.name : '')
  const [busy, setBusy] = useState(false)
  const names = useTagNames(kind === 'merge')
  const listId = useId()
  const inputId = useId()
  const from = node.name
  const shown = display(from)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const to = value.trim()
    if (busy) return
    if (kind !== 'delete' && (!to || to === from)) return
    setBusy(true)
    let ok
    if (kind === 'rename') {
      ok = await runTagOperation(
        () => call('tags:rename', { from, to }),
        { key: 'tags.op.rename', params: { from: shown, to: display(to) } },
        { onDone: () => onRenamed(from, to), onUndo: () => onRenamed(to, from) }
      )
    } else if (kind === 'merge') {
      ok = await runTagOperation(
        () => call('tags:merge', { from: [from], to }),
        { key: 'tags.op.merge', params: { from: shown, to: display(to) } },
        { onDone: () => onRenamed(from, to) }
      )
    } else {
      ok = await runTagOperation(() => call('tags:delete', { name: from }), { key: 'tags.op.delete', params: { tag: shown } }, { onDone: () => onDeleted(from) })
    }
    setBusy(false)
    if (ok) onClose()
  }

  return (
    <form className="form tag-form" onSubmit={(e) => void submit(e)}>
      {kind === 'delete' ? (
        <p>{t(node.children.length > 0 ? 'tags.delete.bodyWithSubtags' : 'tags.delete.body', { tag: shown, count: node.count })}</p>
      ) : (
        <>
          <label htmlFor={inputId} className="tag-form__label">
            {t(kind === 'rename' ? 'tags.rename.label' : 'tags.merge.label')}
          </label>
          <input
            id={inputId}
            className="text-input"
            value={value}
            list={kind === 'merge' ? listId : undefined}
            maxLength={200}
            onChange={(e) => setValue(e.target.value)}
          />
          {kind === 'merge' && <DisplayDatalist id={listId} values={names.filter((n) => n !== from)} />}
          <p className="form__hint">{t(kind === 'rename' ? 'tags.rename.hint' : 'tags.merge.hint', { tag: shown })}</p>
        </>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button
          type="submit"
          className={`button ${kind === 'delete' ? 'button--danger' : 'button--primary'}`}
          disabled={busy || (kind !== 'delete' && (!value.trim() || value.trim() === from))}
        >
          {t(kind === 'rename' ? 'tags.rename.submit' : kind === 'merge' ? 'tags.merge.submit' : 'tags.delete.submit')}
        </button>
      </div>
    </form>
  )
}
