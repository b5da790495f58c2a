// The open article's discussion in a team archive: every member's comments in time order with author and
// time (the member's own marked as theirs, with edit and delete), and a box to add one (Ctrl+Enter
// sends). Not shown at all in a library that is not joined to a group; a viewer reads the thread and
// gets the box disabled with the read-only words. An admin may hide a colleague's comment from the whole
// group (asked to confirm, then offered Undo). Comments are shown in the reader's script, as notes are.
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { CommentView } from '@shared/types'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { HTML_LANG, useI18n } from '../../i18n'
import { useReadOnly } from '../sync/read-only'
import { relativeTime } from './relative-time'
import { useDiscussion, type Discussion as Thread } from './use-discussion'
import { hideForEveryone, useIsAdmin } from './use-moderation'
import './discussion.css'

/** What the protocol carries per comment. */
const MAX_CHARS = 20_000

export function Discussion({ articleId }: { articleId: number }) {
  const { t } = useI18n()
  const discussion = useDiscussion(articleId)
  const readOnly = useReadOnly()
  const admin = useIsAdmin()
  const now = useMinuteClock()
  const thread = discussion.thread
  if (!thread?.joined) return null
  return (
    <section className="discussion" aria-label={t('discussion.title')}>
      <h2 className="discussion__title">
        {t('discussion.title')} <span className="discussion__count">{t('discussion.count', { count: thread.items.length })}</span>
      </h2>
      {thread.items.length === 0 ? (
        <p className="discussion__empty">{t('discussion.empty')}</p>
      ) : (
        <ol className="discussion__list">
          {thread.items.map((c) => (
            <Comment key={c.id} c={c} now={now} discussion={discussion} readOnly={readOnly} admin={admin} />
          ))}
        </ol>
      )}
      <Composer discussion={discussion} readOnly={readOnly} />
    </section>
  )
}

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function When({ iso, now }: { iso: string; now: number }) {
  const { t, language, formatDateTime } = useI18n()
  const relative = relativeTime(iso, now, HTML_LANG[language])
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative === 'just-now' ? t('discussion.justNow') : (relative ?? formatDateTime(iso))}
    </time>
  )
}

function Comment({ c, now, discussion, readOnly, admin }: { c: CommentView; now: number; discussion: Thread; readOnly: boolean; admin: boolean }) {
  const { t } = useI18n()
  const display = useDisplayText()
  const textLang = useTextLang()
  const [editing, setEditing] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const author = c.mine ? t('discussion.you', { name: c.author }) : c.author
  const shown = display(c.text)
  return (
    <li className={`discussion__comment${c.mine ? ' discussion__comment--mine' : ''}`} data-comment-id={c.id}>
      <p className="discussion__meta">
        <span className="discussion__author" lang={textLang(c.author)}>
          {author}
        </span>
        <When iso={c.createdAt} now={now} />
        {c.updatedAt !== c.createdAt && <span className="discussion__flag">{t('discussion.edited')}</span>}
        {c.pending && <span className="discussion__flag discussion__flag--pending">{t('discussion.pending')}</span>}
      </p>
      {editing ? (
        <CommentBox
          initial={c.text}
          label={t('discussion.editLabel')}
          submit={t('discussion.save')}
          onSubmit={async (text) => {
            const saved = await discussion.edit(c.id, text)
            if (saved) setEditing(false)
            return saved
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="discussion__text" lang={textLang(shown)}>
          {shown}
        </p>
      )}
      {/* Only the author may change a comment (the server refuses anyone else); a viewer changes none. */}
      {c.mine && !readOnly && !editing && (
        <div className="discussion__actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('discussion.edit')}
          </button>
          {confirming ? (
            <>
              <button type="button" className="link-button link-button--danger" autoFocus onClick={() => void discussion.remove(c.id)}>
                {t('discussion.confirmDelete')}
              </button>
              <button type="button" className="link-button" onClick={() => setConfirming(false)}>
                {t('action.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="link-button link-button--danger" onClick={() => setConfirming(true)}>
              {t('discussion.delete')}
            </button>
          )}
        </div>
      )}
      {!c.mine && admin && <HideControl label={t('moderation.hideComment', { name: c.author })} onHide={() => hideForEveryone('comment', c.id, discussion.reload)} />}
    </li>
  )
}

/** An admin's Hide of a colleague's note, in two steps: Hide, then Really hide (or Cancel). */
export function HideControl({ label, onHide }: { label: string; onHide: () => Promise<unknown> }) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState(false)
  return (
    <div className="discussion__actions">
      {confirming ? (
        <>
          <button type="button" className="link-button link-button--danger" autoFocus onClick={() => void onHide()}>
            {t('moderation.confirm')}
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(false)}>
            {t('action.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="link-button" aria-label={label} onClick={() => setConfirming(true)}>
          {t('moderation.hide')}
        </button>
      )}
    </div>
  )
}

function Composer({ discussion, readOnly }: { discussion: Thread; readOnly: boolean }) {
  const { t } = useI18n()
  return (
    <div className="discussion__composer">
      <CommentBox
        initial=""
        label={t('discussion.label')}
        submit={t('discussion.send')}
        disabled={readOnly}
        onSubmit={(text) => discussion.add(text)}
      />
      {readOnly && <p className="discussion__readonly">{t('discussion.readOnly')}</p>}
    </div>
  )
}

/** A labelled text box with its submit button; Ctrl+Enter (⌘+Enter) submits, Escape cancels an edit. */
function CommentBox({
  initial,
  label,
  submit,
  disabled = false,
  onSubmit,
  onCancel
}: {
  initial: string
  label: string
  submit: string
  disabled?: boolean
  /** Resolves true when the text was taken (the box then empties). */
  onSubmit: (text: string) => Promise<boolean>
  onCancel?: () => void
}) {
  const { t } = useI18n()
  const id = useId()
  const [value, setValue] = useState(initial)
  const [busy, setBusy] = useState(false)
  const text = value.trim()
  const tooLong = text.length > MAX_CHARS
  const canSend = !disabled && !busy && text !== '' && !tooLong
  const send = async () => {
    if (!canSend) return
    setBusy(true)
    const taken = await onSubmit(text)
    setBusy(false)
    if (taken && !onCancel) setValue('')
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void send()
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
    }
  }
  return (
    <form
      className="discussion__box"
      onSubmit={(e: FormEvent) => {
        e.preventDefault()
        void send()
      }}
    >
      <label htmlFor={id} className={onCancel ? 'visually-hidden' : 'discussion__label'}>
        {label}
      </label>
      <textarea
        id={id}
        className="discussion__input"
        value={value}
        rows={onCancel ? 3 : 2}
        disabled={disabled}
        placeholder={disabled ? undefined : t('discussion.placeholder')}
        autoFocus={Boolean(onCancel)}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint`}
      />
      <div className="discussion__box-actions">
        <span id={`${id}-hint`} className={`discussion__hint${tooLong ? ' discussion__hint--error' : ''}`} role={tooLong ? 'alert' : undefined}>
          {tooLong ? t('discussion.tooLong', { max: MAX_CHARS, count: text.length }) : disabled ? '' : t('discussion.hint')}
        </span>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        )}
        <button type="submit" className="button button--small button--primary" disabled={!canSend}>
          {submit}
        </button>
      </div>
    </form>
  )
}
