// @vitest-environment jsdom
// The shared undo/redo history (issue 12): Ctrl+Z walks back across sources, Ctrl+Shift+Z and Ctrl+Y walk
// forward again, a new change drops the redo branch, the keys are left alone in text fields and under an
// open dialog, and a source's stale Undo toasts go away when it changes again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { notifyUndoable, toastStore } from '@renderer/app/toast-store'
import { markChanged, registerUndoSource } from '@renderer/app/undo-registry'

/** A source whose state is a list of applied changes; redo re-applies without recording a new change. */
function source(id: string) {
  const applied: string[] = []
  const off = registerUndoSource({
    id,
    canUndo: () => applied.length > 0,
    undo: async () => {
      const x = applied.pop()
      return x === undefined ? null : () => void applied.push(x)
    }
  })
  return {
    applied,
    off,
    change(x: string) {
      applied.push(x)
      markChanged(id)
    }
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0))
async function press(key: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean } = { ctrl: true }, target: EventTarget = document.body) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, bubbles: true, cancelable: true }))
  await flush()
  await flush()
}

let cleanup: (() => void)[] = []
beforeEach(() => {
  cleanup = []
})
afterEach(() => {
  for (const off of cleanup) off()
  for (const t of toastStore.snapshot()) toastStore.dismiss(t.id)
  document.body.innerHTML = ''
})

describe('undo registry', () => {
  it('Ctrl+Shift+Z redoes what Ctrl+Z undid, newest first, across sources; Ctrl+Y too', async () => {
    const tags = source('tags-test')
    const notes = source('notes-test')
    cleanup.push(tags.off, notes.off)
    tags.change('t1')
    notes.change('n1')
    tags.change('t2')
    await press('z')
    await press('z')
    expect([tags.applied, notes.applied]).toEqual([['t1'], []])
    await press('Z', { ctrl: true, shift: true })
    expect(notes.applied).toEqual(['n1'])
    await press('y')
    expect(tags.applied).toEqual(['t1', 't2'])
    // The branch is used up: a further redo does nothing; undo walks back again from the redone change.
    await press('y')
    expect(tags.applied).toEqual(['t1', 't2'])
    await press('z')
    console.log(`[undo] 3 changes, 2 undos, 2 redos, 1 undo: tags ${tags.applied.join(',')} · notes ${notes.applied.join(',')}`)
    expect([tags.applied, notes.applied]).toEqual([['t1'], ['n1']])
  })

  it('a new change after an undo clears the redo branch', async () => {
    const doc = source('doc-test')
    cleanup.push(doc.off)
    doc.change('a')
    doc.change('b')
    await press('z')
    doc.change('c')
    await press('z', { ctrl: true, shift: true })
    console.log(`[undo] after undo + new change, redo leaves: ${doc.applied.join(',')}`)
    expect(doc.applied).toEqual(['a', 'c'])
  })

  it('leaves Ctrl+Z and Ctrl+Shift+Z to a text field, and to an open dialog', async () => {
    const doc = source('doc-guard')
    cleanup.push(doc.off)
    doc.change('a')
    const input = document.body.appendChild(document.createElement('input'))
    await press('z', { ctrl: true }, input)
    expect(doc.applied).toEqual(['a'])
    await press('z')
    expect(doc.applied).toEqual([])
    const dialog = document.body.appendChild(document.createElement('dialog'))
    dialog.setAttribute('open', '')
    await press('z', { ctrl: true, shift: true })
    expect(doc.applied).toEqual([])
    dialog.remove()
    await press('z', { ctrl: true, shift: true }, input)
    expect(doc.applied).toEqual([])
    await press('z', { ctrl: true, shift: true })
    expect(doc.applied).toEqual(['a'])
  })

  it('a new change by a source puts its older Undo toasts away', () => {
    const doc = source('doc-toast')
    cleanup.push(doc.off)
    doc.change('a')
    notifyUndoable('anno.deleted', undefined, 'doc-toast', () => undefined)
    expect(toastStore.snapshot().filter((t) => t.group === 'doc-toast')).toHaveLength(1)
    doc.change('b')
    expect(toastStore.snapshot().filter((t) => t.group === 'doc-toast')).toHaveLength(0)
  })
})
