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
