// Preload (sandboxed): reads the file-system paths of what the user drops on the window and hands them to
// main, which keeps them for import:drop. Page script never sees a path and cannot make one up: it cannot
// send on this channel, and a drop event it dispatches itself is not trusted.
import { DROP_PATHS_CHANNEL } from '@shared/channels'

/** The few DOM shapes used here (the preload is type-checked without the DOM library). */
export interface DropEventLike {
  readonly isTrusted: boolean
  readonly dataTransfer: { readonly files: ArrayLike<unknown> } | null
}
export interface DropTarget {
  addEventListener(type: 'drop', listener: (event: DropEventLike) => void, capture: boolean): void
}

export function watchDrops(target: DropTarget, pathForFile: (file: unknown) => string, send: (channel: string, paths: string[]) => void): void {
  // Capture phase: this runs before the page's own drop handler, which then asks main to import.
  target.addEventListener(
    'drop',
    (event) => {
      if (!event.isTrusted) return
      const paths = Array.from(event.dataTransfer?.files ?? [], (file) => {
        try {
          return pathForFile(file)
        } catch {
          return ''
        }
      })
      // All or nothing: a drop holding an item without a path (dragged from a web page) goes as bytes.
      send(DROP_PATHS_CHANNEL, paths.length > 0 && paths.every(Boolean) ? paths : [])
    },
    true
  )
}
