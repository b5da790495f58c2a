// Which channels a viewer's library refuses is declared once, in the contract (`shared: true`): this
// checks the marks against what each channel's name says it does, so a new channel that writes articles,
// tags, highlights or comments and was not marked fails here (and one marked that only reads, too).
import { describe, expect, it } from 'vitest'
import { API_CHANNELS, SHARED_WRITE_CHANNELS, apiContract, type ApiChannel } from '../../../src/shared/api'
import { SHARED_WRITE_CHANNELS as GATED } from '../../../src/main/ipc/read-only'

/** The domains whose rows the team archive's outbox records (migrations 0006, 0011). */
const SHARED_DOMAINS = new Set(['articles', 'tags', 'import', 'annotations', 'comments'])
/** Verbs that change something; the rest of the names (list, get, count, search, export…) only read. */
const WRITE_VERB = /^(add|remove|rename|merge|delete|undo|create|update|edit|set|drop|files|dialog|cancel|restore|hide|unhide|unattached-delete|unattached-restore)/
/** Writes in those domains that stay this member's own, each with why. */
const OWN_WRITES: Partial<Record<ApiChannel, string>> = {
  'articles:setReading': 'reading position and read state are per member',
  'articles:setView': 'script and original/clean view are per member',
  'import:cancel': 'stops an import this window started; an import itself is marked',
  'annotations:unattached-delete': 'imported notes waiting for their article are not in the outbox',
  'annotations:unattached-restore': 'imported notes waiting for their article are not in the outbox'
}

describe('shared write channels, declared in the contract', () => {
  it('marks exactly the channels whose name says they write shared library data', () => {
    const byName = API_CHANNELS.filter((c) => {
      const [domain, verb] = c.split(':') as [string, string]
      return SHARED_DOMAINS.has(domain) && WRITE_VERB.test(verb) && !(c in OWN_WRITES)
    })
    console.log(`${SHARED_WRITE_CHANNELS.size} of ${API_CHANNELS.length} channels marked shared; ${byName.length} write shared data by name; ${Object.keys(OWN_WRITES).length} own writes exempt`)
    expect([...SHARED_WRITE_CHANNELS].sort()).toEqual(byName.sort())
    // Every exemption names a real channel that is not marked (a renamed one would go stale unnoticed).
    for (const c of Object.keys(OWN_WRITES)) expect(API_CHANNELS.includes(c as ApiChannel) && !SHARED_WRITE_CHANNELS.has(c as ApiChannel)).toBe(true)
  })

  it('the read-only gate uses the contract set itself; channels answering with the row they wrote are marked', () => {
    expect(GATED).toBe(SHARED_WRITE_CHANNELS)
    // A channel answering with the row it wrote (a highlight, a comment, a tag operation) is a write.
    const writesByResult = API_CHANNELS.filter((c) => /^(annotations:(create|update|delete|undo)|comments:(add|edit|delete)|tags:(add|remove|rename|merge|delete|undo))$/.test(c))
    for (const c of writesByResult) expect((apiContract[c] as { shared?: boolean }).shared, c).toBe(true)
  })
})
