// Types window.api for the renderer (derived from the contract in src/shared).
import type { RendererApi } from '../shared/bridge'

declare global {
  interface Window {
    readonly api: RendererApi
  }
}

export {}
