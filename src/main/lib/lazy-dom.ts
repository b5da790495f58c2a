// jsdom, DOMPurify and Readability loaded on first use (main process and import worker). jsdom costs
// ~80 MB and a noticeable start-up per isolate; a plain-text or JSON Lines import never needs it, and the
// main process never parses HTML when the import worker does.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy loading of heavy modules */
type Jsdom = typeof import('jsdom')
type Purify = typeof import('dompurify')
type Readability = typeof import('@mozilla/readability')

let jsdom: Jsdom | undefined
let purify: Purify | undefined
let readability: Readability | undefined

export function loadJsdom(): Jsdom {
  return (jsdom ??= require('jsdom') as Jsdom)
}

export function loadDomPurify(): Purify['default'] {
  purify ??= require('dompurify') as Purify
  return (purify as unknown as { default?: Purify['default'] }).default ?? (purify as unknown as Purify['default'])
}

export function loadReadability(): Readability {
  return (readability ??= require('@mozilla/readability') as Readability)
}

type DomOptions = NonNullable<ConstructorParameters<Jsdom['JSDOM']>[1]>

/**
 * A jsdom for untrusted or internal HTML whose own console goes nowhere: jsdom reports CSS it cannot parse
 * as "jsdomError" with a stack trace, which printed to the import's stderr. Scripts never run (jsdom's
 * default), so nothing else uses that console.
 */
export function newDom(html: string, options: DomOptions = {}): InstanceType<Jsdom['JSDOM']> {
  const { JSDOM, VirtualConsole } = loadJsdom()
  return new JSDOM(html, { ...options, virtualConsole: new VirtualConsole() })
}

/** A DOMPurify bound to its own empty jsdom window (exports and import sanitising each keep one). */
export function createPurifier(): { purify: ReturnType<Purify['default']>; window: InstanceType<Jsdom['JSDOM']>['window'] } {
  const { window } = newDom('<!DOCTYPE html><html><body></body></html>')
  const createDOMPurify = loadDomPurify()
  return { purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]), window }
}
