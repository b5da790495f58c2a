// Context menu for one tag in the tag browser (ARIA menu: ↑/↓/Home/End move, Enter activates, Escape or a
// click elsewhere closes and returns focus to the tag).
import { useEffect, useEffectEvent, useRef, type KeyboardEvent } from 'react'
import { useI18n, type MessageKey } from '../../i18n'

export type TagMenuAction = 'only' | 'include' | 'exclude' | 'rename' | 'merge' | 'delete'

interface Props {
  x: number
  y: number
  label: string
  included: boolean
  excluded: boolean
  onAction: (action: TagMenuAction) => void
  onClose: () => void
}

export function TagMenu({ x, y, label, included, excluded, onAction, onClose }: Props) {
  const { t } = useI18n()
  const ref = useRef<HTMLDivElement>(null)

  const items: { action: TagMenuAction; key: MessageKey; separator?: boolean }[] = [
    { action: 'only', key: 'tags.menu.only' },
    { action: 'include', key: included ? 'tags.menu.uninclude' : 'tags.menu.include' },
    { action: 'exclude', key: excluded ? 'tags.menu.unexclude' : 'tags.menu.exclude' },
    { action: 'rename', key: 'tags.menu.rename', separator: true },
    { action: 'merge', key: 'tags.menu.merge' },
    { action: 'delete', key: 'tags.menu.delete' }
  ]

  const close = useEffectEvent(onClose)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const onPointer = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close()
    }
    document.addEventListener('pointerdown', onPointer, true)
    return () => document.removeEventListener('pointerdown', onPointer, true)
  }, [])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])
    const i = all.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => {
      e.preventDefault()
      all[(to + all.length) % all.length]?.focus()
    }
    if (e.key === 'ArrowDown') move(i + 1)
    else if (e.key === 'ArrowUp') move(i - 1)
    else if (e.key === 'Home') move(0)
    else if (e.key === 'End') move(all.length - 1)
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault()
      onClose()
    }
    e.stopPropagation()
  }

  // Keep the menu inside the window.
  const left = Math.min(x, window.innerWidth - 220)
  const top = Math.min(y, window.innerHeight - 250)

  return (
    <div ref={ref} className="menu" role="menu" aria-label={label} style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <div key={item.action} role="none">
          {item.separator && <hr className="menu__separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`menu__item${item.action === 'delete' ? ' menu__item--danger' : ''}`}
            onClick={() => onAction(item.action)}
          >
            {t(item.key)}
          </button>
        </div>
      ))}
    </div>
  )
}
