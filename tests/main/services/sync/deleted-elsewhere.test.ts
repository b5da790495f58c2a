// A colleague deletes an article on which this library holds the member's own notes, against a real group
// server on a real PostgreSQL: the notes already on the server and those still waiting in the outbox are
// kept on the unattached-notes list, the round says how many, and importing the article again re-attaches
// the highlights with their notes.
import { expect, it } from 'vitest'
import type { Db } from '../../../../src/main/db/connection'
import { createAnnotation, listAnnotations } from '../../../../src/main/services/annotations'
import { listUnattached } from '../../../../src/main/services/annotation-import/unattached'
import { addComment } from '../../../../src/main/services/comments'
import { undoImport } from '../../../../src/main/services/import-pipeline/history'
import { importPaths } from '../../../../src/main/services/import-pipeline/pipeline'
import { syncOnce, syncStatus } from '../../../../src/main/services/sync'
import { BODY, articleFile, useSyncWorld } from './sync-world'

const world = useSyncWorld()
const { library, group } = world

const articleIds = (db: Db): number[] => db.sqlite.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]

it("a colleague's deletion of an article keeps this member's highlights, notes and comments (sent or not) on the unattached list", async () => {
  const g = await group(['li', 'editor'], ['wang', 'editor'])
  const [li, wang] = [await library(), await library()]
  const imported = await importPaths(li.db, [articleFile(li, '防汛会议')], { worker: false })
  await syncOnce(li.db, g.li!)
  await syncOnce(wang.db, g.wang!)
  const article = articleIds(wang.db)[0]!
  // Acknowledged by the server before the deletion.
  createAnnotation(wang.db, { articleId: article, textKind: 'clean', start: 0, end: 3, color: 'blue', note: '核实地名' })
  await syncOnce(wang.db, g.wang!)
  // Li deletes the article; meanwhile (offline) Wang highlights and comments on it again.
  undoImport(li.db, imported.importId)
  await syncOnce(li.db, g.li!)
  createAnnotation(wang.db, { articleId: article, textKind: 'clean', start: 5, end: 9, color: 'yellow', note: null })
  addComment(wang.db, article, '第二段的数字要核对')
  expect(syncStatus(wang.db).pending).toBe(2)

  const report = await syncOnce(wang.db, g.wang!)
  expect(articleIds(wang.db)).toEqual([])
  expect(report.kept).toBe(3)
  expect(report.notes).toContain('3 of your highlights and comments were on an article deleted in the group: kept in Unattached notes')
  const kept = listUnattached(wang.db)
  expect(kept.map((n) => [n.quote, n.note, n.title])).toEqual([
    [BODY.slice(0, 3), '核实地名', '防汛会议'],
    [BODY.slice(5, 9), null, '防汛会议'],
    ['', '第二段的数字要核对', '防汛会议']
  ])
  expect(syncStatus(wang.db).pending).toBe(0)

  // Imported again here: the highlights find their article again, notes included; the comment has no quote to place it by.
  await importPaths(wang.db, [articleFile(wang, '防汛会议')], { worker: false })
  const again = listAnnotations(wang.db, articleIds(wang.db)[0]!).items.map((a) => [a.quote, a.note, a.color])
  expect(again).toEqual([
    [BODY.slice(0, 3), '核实地名', 'blue'],
    [BODY.slice(5, 9), null, 'yellow']
  ])
  expect(listUnattached(wang.db).map((n) => n.note)).toEqual(['第二段的数字要核对'])
  // The import goes to the group again, with the highlights; nothing doubled in either library.
  await syncOnce(wang.db, g.wang!)
  await syncOnce(li.db, g.li!)
  await syncOnce(wang.db, g.wang!)
  const counts = [wang, li].map((t) => listAnnotations(t.db, articleIds(t.db)[0]!).items.length)
  expect(counts).toEqual([2, 2])
  console.log(`kept on the unattached list when a colleague deleted the article: ${report.kept} (1 sent, 2 waiting); re-attached on import: ${again.length}`)
})
