// Notes render through marked, which recurses on nested lists: a pathological note shows as its text.
import { describe, expect, it } from 'vitest'
import { parseNoteMarkdown } from '../../src/shared/notes-markdown'

describe('parseNoteMarkdown', () => {
  it('renders ordinary notes with marked', () => {
    expect(parseNoteMarkdown('**重点** 见 <https://example.org>')).toContain('<strong>重点</strong>')
  })

  it('shows a note of 20,000 nested list markers as escaped text instead of overflowing the stack', () => {
    const note = '- '.repeat(20_000) + '<b>x</b>'
    const html = parseNoteMarkdown(note)
    expect(html.startsWith('<p>- - - ')).toBe(true)
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
  })
})
