// buildArticle: the one place every format's body passes through. Its limits are the import's own, and
// what sanitising had to tell the user travels on the article.
import { describe, expect, it } from 'vitest'
import { buildArticle } from '../../../../src/main/services/formats/common'
import { DEFAULT_LIMITS, ImportError } from '../../../../src/main/services/formats/types'

const base = { rawFormat: 'json' as const, encoding: 'utf-8', fallbackTitle: 'feed.json#1', title: '标题' }

describe('buildArticle', () => {
  it('sanitises an HTML body within the import limits and keeps the warning on the article', () => {
    const html = '<div>' + '<p>段落。</p>'.repeat(300) + '</div>'
    const ctx = { limits: { ...DEFAULT_LIMITS, maxHtmlElements: 100 } }
    const article = buildArticle({ ...base, rawText: html, body: { kind: 'html', html } }, ctx)
    expect(article.text.split('\n').length).toBe(300)
    expect(article.warnings?.join(' ')).toMatch(/more than the 100/)
  })

  it('leaves warnings out when there is nothing to say', () => {
    const html = '<p>正文一。</p><p>正文二。</p>'
    expect(buildArticle({ ...base, rawText: html, body: { kind: 'html', html } }).warnings).toBeUndefined()
  })

  it('refuses a body past the per-article character limit, naming it', () => {
    const text = '很长的正文。'.repeat(200)
    const ctx = { limits: { ...DEFAULT_LIMITS, maxRecordChars: 1000 } }
    const run = () => buildArticle({ ...base, rawText: text, body: { kind: 'text', text } }, ctx)
    expect(run).toThrow(ImportError)
    expect(run).toThrow(/feed\.json#1.*1,200 characters.*1,000-character limit/)
  })
})
