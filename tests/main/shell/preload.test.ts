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
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 1 })), on: vi.fn(), removeListener: vi.fn() }
}))

import { ipcRenderer } from 'electron'
import { API_CHANNELS, API_EVENTS } from '../../../src/shared/api'
import '../../../src/preload/index'

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
