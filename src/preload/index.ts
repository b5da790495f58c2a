// Preload (sandboxed, bundled to one CJS file): exposes exactly the contract as window.api over IPC, each
// method on its own fixed channel, and reports the paths of real drops to main. Raw ipcRenderer is never exposed.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { ipcEventChannel, ipcMethodChannel } from '@shared/bridge'
import { buildApi, type ApiTransport } from './build-api'
import { watchDrops, type DropTarget } from './drop-paths'

export function ipcTransport(renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): ApiTransport {
  return {
    invoke: (channel, args) => renderer.invoke(ipcMethodChannel(channel), args),
    subscribe: (name, listener) => {
      const wire = ipcEventChannel(name)
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload)
      renderer.on(wire, wrapped)
      return () => renderer.removeListener(wire, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('api', buildApi(ipcTransport(ipcRenderer)))
const page = globalThis as unknown as Partial<DropTarget>
if (typeof page.addEventListener === 'function') {
  watchDrops(page as DropTarget, (file) => webUtils.getPathForFile(file as File), (channel, paths) => ipcRenderer.send(channel, paths))
}
