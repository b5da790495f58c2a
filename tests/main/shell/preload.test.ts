// The preload exposes exactly the contract: one function per channel and per event, never a generic
// invoke/send/on that takes a free channel name.
import { describe, expect, it, vi } from 'vitest'

const exposed = vi.hoisted(() => ({ value: null as any, key: '' }))
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed.key = key
      exposed.value = value
    }
  },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 1 })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '') }
}))

import { ipcRenderer } from 'electron'
import { API_CHANNELS, API_EVENTS } from '../../../src/shared/api'
import '../../../src/preload/index'
import { watchDrops, type DropEventLike } from '../../../src/preload/drop-paths'

describe('preload', () => {
  it('exposes window.api with exactly the contract channels and events', () => {
    expect(exposed.key).toBe('api')
    const keys = Object.keys(exposed.value).filter((k) => k !== 'events')
    expect(keys.sort()).toEqual([...API_CHANNELS].sort())
    expect(Object.keys(exposed.value.events).sort()).toEqual([...API_EVENTS].sort())
    for (const forbidden of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(exposed.value[forbidden]).toBeUndefined()
    expect(Object.isFrozen(exposed.value)).toBe(true)
  })

  it('maps each method to its own fixed IPC channel', async () => {
    await exposed.value['articles:get']({ id: 3 })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('api:articles:get', { id: 3 })
    const listener = vi.fn()
    const off = exposed.value.events['import:progress'](listener)
    expect(ipcRenderer.on).toHaveBeenCalledWith('event:import:progress', expect.any(Function))
    off()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('event:import:progress', expect.any(Function))
  })
})

describe('preload drop watcher', () => {
  it('reports the paths of a real drop only: script-made drops and path-less items give none', () => {
    let listener: ((event: DropEventLike) => void) | null = null
    let capture = false
    const sent: [string, string[]][] = []
    const paths = new Map<unknown, string>([
      ['file-a', '/home/editor/a.txt'],
      ['folder-b', '/home/editor/b']
    ])
    watchDrops(
      { addEventListener: (_type, fn, useCapture) => ((listener = fn), (capture = useCapture)) },
      (file) => paths.get(file) ?? '',
      (channel, p) => sent.push([channel, p])
    )
    const drop = (isTrusted: boolean, files: unknown[]) => listener!({ isTrusted, dataTransfer: { files } })
    drop(true, ['file-a', 'folder-b'])
    drop(false, ['file-a'])
    drop(true, ['file-a', 'from-a-web-page'])
    console.log(`drop watcher: 3 drops (real, script-made, with a path-less item) → ${sent.length} notices: ${sent.map(([, p]) => p.length).join(', ')} paths`)
    expect(capture).toBe(true)
    expect(sent).toEqual([
      ['drop:paths', ['/home/editor/a.txt', '/home/editor/b']],
      ['drop:paths', []]
    ])
  })
})

