// Preload (sandboxed, bundled to one CJS file): exposes exactly the contract as window.api — one function
// per channel and one subscribe function per event. Raw ipcRenderer is never exposed.
import { contextBridge, ipcRenderer } from 'electron'
import { API_CHANNEL_NAMES as API_CHANNELS, API_EVENT_NAMES as API_EVENTS } from '@shared/channels'
import { ipcEventChannel, ipcMethodChannel } from '@shared/bridge'

export function buildApi(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): Record<string, unknown> {
  const api: Record<string, unknown> = {}
  for (const channel of API_CHANNELS) {
    const wire = ipcMethodChannel(channel)
    api[channel] = (args: unknown) => renderer.invoke(wire, args)
  }
  const events: Record<string, unknown> = {}
  for (const name of API_EVENTS) {
    const wire = ipcEventChannel(name)
    events[name] = (listener: (payload: unknown) => void) => {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload)
      renderer.on(wire, wrapped)
      return () => renderer.removeListener(wire, wrapped)
    }
  }
  api.events = Object.freeze(events)
  return Object.freeze(api)
}

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer))
