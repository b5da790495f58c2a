// Displays a note's Markdown as sanitised HTML. Link clicks never navigate the window: http/https/mailto
// go to shell:openExternal, anything else is ignored.
import { useMemo, type MouseEvent } from 'react'
import { call } from '../../api/client'
import { reportError } from '../../app/toast-store'
import { externalHref, renderNote } from './markdown'

export function NoteMarkdown({ source, className, lang }: { source: string; className?: string; lang?: string | undefined }) {
  const html = useMemo(() => renderNote(source), [source])
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a')
    if (!a) return
    e.preventDefault()
    e.stopPropagation()
    const url = externalHref(a.getAttribute('href'))
    if (url) call('shell:openExternal', { url }).catch((err: unknown) => reportError(err))
  }
  return <div className={`note-md ${className ?? ''}`} lang={lang} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
}
