// A typed event bus for main → renderer events (main process). The Electron shell forwards events to
// windows with webContents.send; the preview host forwards them over Server-Sent Events.
import type { ApiEventName, ApiEvents } from '@shared/api'

type Listener = <E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void

export class EventBus {
  private readonly listeners = new Set<Listener>()

  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload)
      } catch {
        // one broken listener (a closed window) must not stop the others
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
