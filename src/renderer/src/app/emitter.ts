// The change signal behind the tiny external stores (toasts, tag undo): React reads them through
// useSyncExternalStore(subscribe, snapshot), plain code writes them and calls emit().
export function createEmitter() {
  const listeners = new Set<() => void>()
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    emit(): void {
      for (const l of listeners) l()
    }
  }
}
