// Global keyboard shortcuts (listed in the Help dialog). They never fire while the user types in a field,
// and Space is left alone on buttons and links where it means "activate".
import { useEffect, useEffectEvent } from 'react'

export interface ShortcutHandlers {
  next: () => void
  previous: () => void
  page: (direction: 1 | -1) => void
  font: (change: 1 | -1 | 'reset') => void
  focusSearch: () => void
  /** F: hide the sidebar and the list (and bring them back). */
  focusMode: () => void
  /** Escape: closes an open drawer; false when there was none. */
  closeDrawer: () => boolean
  /** ? and F1. */
  help: () => void
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file', 'color'].includes(target.type)
  }
  return false
}

function activatesOnSpace(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, input, select') !== null
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  // An effect event sees the latest handlers without re-subscribing the listener on every render.
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey) return
      // An open modal dialog owns the keyboard.
      if (document.querySelector('dialog[open]')) return
      if (isTypingTarget(e.target)) return
      const h = handlers
      const act = (fn: () => void) => {
        e.preventDefault()
        fn()
      }
      if (e.altKey) {
        if (e.key === 'ArrowDown') act(h.next)
        else if (e.key === 'ArrowUp') act(h.previous)
        return
      }
      switch (e.key) {
        case 'j':
        case 'J':
          return act(h.next)
        case 'k':
        case 'K':
          return act(h.previous)
        case ' ':
          if (activatesOnSpace(e.target)) return
          return act(() => h.page(e.shiftKey ? -1 : 1))
        case '+':
        case '=':
          return act(() => h.font(1))
        case '-':
        case '_':
          return act(() => h.font(-1))
        case '0':
          return act(() => h.font('reset'))
        case '/':
          return act(h.focusSearch)
        case 'f':
        case 'F':
          return act(h.focusMode)
        case 'Escape':
          if (h.closeDrawer()) e.preventDefault()
          return
        case '?':
        case 'F1':
          return act(h.help)
      }
  })

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])
}
