// Notes exports name each highlight's author in a team archive (issue 15): Markdown and HTML show it,
// W3C JSON carries it as `creator`, CSV as the Annotator column. A library of one writes no author at all.
import { JSDOM } from 'jsdom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportNotes } from '../../../../src/main/services/export/notes'
import { AnnotationCollectionSchema, annotationsIn } from '../../../../src/main/services/annotations/w3c'
import { bindLibrary, setAnnotationAuthor } from '../../../../src/main/db/repositories/sync.repository'
import { parseCsv } from '../../../../src/main/services/formats/csv'
import { createTestContext, type TestContext } from '../../../helpers/context'
import { importHualong, seedHighlights } from '../../../helpers/annotations'

const OWN = '李记者'
const COLLEAGUE = '王<b>编辑</b>*'

describe('notes exports carry the author of each highlight', () => {
  let t: TestContext
  let articleId: number
  let seeded: ReturnType<typeof seedHighlights>
  beforeEach(async () => {
    t = await createTestContext()
    const article = await importHualong(t.db)
    articleId = article.id
    seeded = seedHighlights(t.db, article.id, article.text)
  })
  afterEach(() => t.cleanup())

  const exportAs = async (format: 'md' | 'json' | 'csv' | 'html') =>
    (await exportNotes(t.db, { format, scope: { kind: 'article', articleId } })).content

  function joinTeam(): void {
    bindLibrary(t.db, { server: 'http://127.0.0.1:1/', group: '00000000-0000-4000-8000-000000000000', memberName: OWN, role: 'editor' }, 'x'.repeat(24))
    setAnnotationAuthor(t.db, seeded.script.id, COLLEAGUE)
  }

  it('unbound library: no author line, no creator, the Annotator column empty', async () => {
    const md = await exportAs('md')
    expect(md).toMatch(/\*yellow · \d{4}-\d{2}-\d{2}\* \^m\d+/)
    const json = JSON.parse(await exportAs('json'))
    const creators = json.first.items.filter((i: Record<string, unknown>) => 'creator' in i).length
    expect(creators).toBe(0)
    const rows = parseCsv((await exportAs('csv')).slice(1))
    expect(rows[0]!.at(-1)).toBe('Annotator')
    expect(rows.slice(1).map((r) => r[7])).toEqual(['', '', '', '', ''])
    const stamps = [...new JSDOM(await exportAs('html')).window.document.querySelectorAll('.stamp')].map((s) => s.textContent)
    expect(stamps.every((s) => /^\w+ · \d{4}-\d{2}-\d{2}$/.test(s ?? ''))).toBe(true)
    console.log(`unbound: ${creators} creators in JSON, ${stamps.length} HTML stamps without a name`)
  })

  it('joined library: own highlights by the member, a colleague\'s by their name, escaped in every format', async () => {
    joinTeam()
    const md = await exportAs('md')
    expect(md).toContain(`*pink · ${seeded.script.createdAt.slice(0, 10)} · 王\\<b\\>编辑\\</b\\>\\** ^m${seeded.script.id}`)
    expect(md).toContain(`*yellow · ${seeded.first.createdAt.slice(0, 10)} · ${OWN}* ^m${seeded.first.id}`)

    const html = new JSDOM(await exportAs('html')).window.document
    const stamps = [...html.querySelectorAll('.stamp')].map((s) => s.textContent ?? '')
    expect(stamps.filter((s) => s.endsWith(` · ${COLLEAGUE}`))).toHaveLength(1)
    expect(stamps.filter((s) => s.endsWith(` · ${OWN}`))).toHaveLength(4)
    expect(html.querySelector('.stamp b')).toBeNull()

    const rows = parseCsv((await exportAs('csv')).slice(1))
    const byAuthor = rows.slice(1).map((r) => r[7])
    expect(byAuthor.sort()).toEqual([OWN, OWN, OWN, OWN, COLLEAGUE].sort())
    expect(rows.find((r) => r[0] === '堅持黨建引領')![7]).toBe(COLLEAGUE)

    // The W3C collection parses with the importer's own schema and keeps each creator.
    const collection = JSON.parse(await exportAs('json'))
    expect(AnnotationCollectionSchema.safeParse(collection).success).toBe(true)
    const items = annotationsIn(collection).items as Array<Record<string, any>>
    const creators = items.map((i) => i.creator)
    expect(creators.filter((c) => c?.type === 'Person' && c.name === OWN)).toHaveLength(4)
    const theirs = items.find((i) => i.target.selector[0].exact === '堅持黨建引領')!
    expect(theirs.creator).toEqual({ type: 'Person', name: COLLEAGUE })
    console.log(`joined: ${creators.length} creators in JSON (${creators.filter((c) => c.name === COLLEAGUE).length} colleague's), CSV Annotator ${JSON.stringify(byAuthor)}`)
  })
})
