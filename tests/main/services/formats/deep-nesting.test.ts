// Nesting deep enough to overflow a recursive parser ends as a typed, plain refusal, never as
// "Maximum call stack size exceeded ... report this to markedjs" (issue 13, finding 10).
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../../../src/main/services/formats'
import { ImportError } from '../../../../src/main/services/formats/types'

function refusal(name: string, text: string): ImportError {
  try {
    parseFile(name, Buffer.from(text))
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error(`${name} was imported`)
}

describe('deeply nested input', () => {
  it.each([
    ['a chain of 20,000 list markers', 'list.md', '- '.repeat(20_000) + 'x\n'],
    ['100,000 open brackets in YAML front matter', 'yaml.md', '---\ntitle: ' + '['.repeat(100_000) + '\n---\nbody\n']
  ])('refuses %s as too-deep', (_what, name, text) => {
    const error = refusal(name, text)
    expect(error.code).toBe('too-deep')
    expect(error.message).not.toMatch(/call stack|markedjs/i)
  })

  it('refuses 100,000 nested JSON arrays with a typed error', () => {
    const error = refusal('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))
    expect(error.message).not.toMatch(/call stack/i)
  })
})
