// jsdom's own console: CSS it cannot parse used to print a stack trace to the import's stderr.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseDocument } from '../../../src/main/services/cleanup/sanitize'
import { createPurifier } from '../../../src/main/lib/lazy-dom'

afterEach(() => vi.restoreAllMocks())

describe('lazy-dom', () => {
  it('parses a page with broken CSS without writing to the console', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const doc = parseDocument('<html><head><style>a{ color: red; } } }</style></head><body><p>正文</p></body></html>')
    expect(doc.querySelector('p')?.textContent).toBe('正文')
    expect(error).not.toHaveBeenCalled()
  })

  it('gives each caller its own DOMPurify on its own window', () => {
    const a = createPurifier()
    const b = createPurifier()
    expect(a.purify).not.toBe(b.purify)
    expect(a.purify.sanitize('<p onclick="x()">安全</p><script>alert(1)</script>')).toBe('<p>安全</p>')
  })
})
