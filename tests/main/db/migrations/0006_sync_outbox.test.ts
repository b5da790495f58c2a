// Migration 0006: the outbox is filled by triggers in the same transaction as each shared change, only
// while the library is bound to a group, and never while a pull is being applied.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/db/migrate'
import { transaction } from '../../../../src/main/db/connection'
import { bindLibrary, setApplying } from '../../../../src/main/db/repositories/sync.repository'
import { createAnnotation, deleteAnnotationById, undoLastChange, updateAnnotationFields } from '../../../../src/main/services/annotations'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { undoImport } from '../../../../src/main/services/import-pipeline/history'
import { addTags, deleteTag, removeTags, renameTag } from '../../../../src/main/services/tags'
import { createTestDb, type TestDb } from '../../../helpers/test-db'

const BODY = '华龙区今日召开会议，部署下一阶段的防汛工作。会议要求各部门加强值守，确保群众安全。'.repeat(6)

describe('migration 0006_sync_outbox', () => {
  let t: TestDb
  afterEach(() => t?.cleanup())

  /** The outbox as `entity:op[:tag|:field]`, oldest first. */
  const outbox = (): string[] =>
    (t.db.sqlite.prepare('SELECT entity, op, payload FROM sync_outbox ORDER BY id').all() as { entity: string; op: string; payload: string }[]).map((r) => {
      const p = JSON.parse(r.payload) as { tag?: string; field?: string }
      return [r.entity, r.op, p.tag ?? p.field].filter(Boolean).join(':')
    })
  const clear = (): void => void t.db.sqlite.exec('DELETE FROM sync_outbox')

  it('records nothing while unbound; binding enqueues the library; each write path leaves exactly its rows', async () => {
    t = await createTestDb('0005_proofreading')
    const file = join(t.dir, 'a.txt')
    writeFileSync(file, `防汛会议\n\n${BODY}`)
    const first = await importPaths(t.db, [file], { worker: false })
    const id = first.imported[0]!.id
    addTags(t.db, [id], ['防汛'])
    createAnnotation(t.db, { articleId: id, textKind: 'clean', start: 0, end: 3, color: 'yellow', note: '旧' })
    await migrate(t.db)
    expect(t.db.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0)
    createAnnotation(t.db, { articleId: id, textKind: 'clean', start: 4, end: 6, color: 'blue' })
    expect(outbox()).toEqual([])

    bindLibrary(t.db, { server: 'http://127.0.0.1:1/', group: '00000000-0000-4000-8000-000000000000', memberName: 'li', role: 'editor' }, 'T'.repeat(43))
    expect(outbox()).toEqual(['article:insert', 'tag:insert:防汛', 'annotation:insert', 'annotation:insert'])
    clear()

    const ann = createAnnotation(t.db, { articleId: id, textKind: 'clean', start: 8, end: 12, color: 'green', note: '核实' })
    updateAnnotationFields(t.db, ann.id, { note: '已核实' })
    deleteAnnotationById(t.db, ann.id)
    undoLastChange(t.db, id)
    expect(outbox()).toEqual(['annotation:insert', 'annotation:update', 'annotation:delete', 'annotation:insert'])
    // The undone delete is a new object on the server: the old key is gone there.
    const keys = t.db.sqlite.prepare("SELECT key, deleted FROM sync_objects WHERE kind = 'annotation' AND local_id = ?").all(ann.id) as { deleted: number }[]
    expect(keys.map((k) => k.deleted).sort()).toEqual([0, 1])
    clear()

    addTags(t.db, [id], ['政法', '港澳'])
    removeTags(t.db, [id], ['港澳'])
    renameTag(t.db, '政法', '法治')
    deleteTag(t.db, '法治')
    expect(outbox()).toEqual(['tag:insert:政法', 'tag:insert:港澳', 'tag:delete:港澳', 'tag:delete:政法', 'tag:insert:法治', 'tag:delete:法治'])
    clear()

    const other = join(t.dir, 'b.txt')
    writeFileSync(other, `第二篇\n\n${BODY.replace(/华龙区/g, '江北区')}`)
    const second = await importPaths(t.db, [other], { worker: false })
    expect(outbox()).toEqual(['article:insert'])
    clear()
    undoImport(t.db, second.importId!)
    expect(outbox()).toEqual(['article:delete'])
    clear()

    // A write that rolls back leaves no outbox row; a pull being applied leaves none either.
    expect(() =>
      transaction(t.db, () => {
        createAnnotation(t.db, { articleId: id, textKind: 'clean', start: 20, end: 24, color: 'pink' })
        throw new Error('rolled back')
      })
    ).toThrow('rolled back')
    transaction(t.db, () => {
      setApplying(t.db, true)
      addTags(t.db, [id], ['同步来的'])
      setApplying(t.db, false)
    })
    const rows = outbox().length
    console.log(`outbox after a rolled-back write and an applied pull: ${rows} rows`)
    expect(rows).toBe(0)
  })
})
