// Renders a hook inside a real React root (jsdom) with React's own act(), so tests see every state update
// and effect the way the app does. Test files that use it start with `// @vitest-environment jsdom`.
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface RenderedHook<P, R> {
  /** The hook's latest return value. */
  readonly current: R
  rerender: (props: P) => void
  unmount: () => void
  container: HTMLElement
}

export function renderHook<P, R>(hook: (props: P) => R, initialProps: P, options: { wrap?: (children: ReactNode) => ReactNode; markup?: (result: R) => ReactNode } = {}): RenderedHook<P, R> {
  const container = document.createElement('div')
  document.body.appendChild(container)
  const root: Root = createRoot(container)
  let latest: R | undefined
  function Probe(props: { hookProps: P }) {
    const result = hook(props.hookProps)
    latest = result
    return <>{options.markup?.(result)}</>
  }
  const render = (props: P) => {
    const probe = <Probe hookProps={props} />
    act(() => root.render(options.wrap ? options.wrap(probe) : probe))
  }
  render(initialProps)
  return {
    get current() {
      return latest as R
    },
    rerender: render,
    unmount: () => {
      act(() => root.unmount())
      container.remove()
    },
    container
  }
}

/** Lets pending promise callbacks (and the state updates they make) run inside act(). */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

/** A promise with its resolve/reject handles, to answer requests in a chosen order. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Runs a state-changing call (a hook's callback, a DOM event) inside act(). */
export function run(fn: () => void): void {
  act(fn)
}
