// Child of annotation-kill.test.ts: writes highlights, notes and tags through the real services on a
// library, and prints one JSON acknowledgement line after each write has committed. It is killed with
// SIGKILL at a random moment; the parent then checks that every acknowledged write is in the library.
// Writes are monotonic (no deletes), so "present" is well defined even for the write the kill cut short.
import { openLibrary } from '../../../src/main/app/bootstrap'
import { mulberry32 } from '../../../bench/lib'
import { createAnnotation, updateAnnotationFields } from '../../../src/main/services/annotations'
import { addTags } from '../../../src/main/services/tags'

async function main(): Promise<void> {
  const [dbPath, seedArg] = process.argv.slice(2)
  if (!dbPath) throw new Error('usage: annotation-writer DB SEED')
  const rand = mulberry32(Number(seedArg ?? 1))
  const db = await openLibrary(dbPath)
  const articles = db.sqlite.prepare('SELECT id, length(body_text) AS len FROM articles').all() as { id: number; len: number }[]
  const ids = (db.sqlite.prepare('SELECT id FROM annotations').all() as { id: number }[]).map((r) => r.id)
  const out = (o: object): void => {
    process.stdout.write(JSON.stringify(o) + '\n')
  }
  out({ op: 'ready' })
  for (let seq = 0; ; seq++) {
    const r = rand()
    const article = articles[Math.floor(rand() * articles.length)] as { id: number; len: number }
    const tag = `${process.pid}-${seq}`
    if (r < 0.4 || ids.length === 0) {
      const start = Math.floor(rand() * (article.len - 40))
      const view = createAnnotation(db, { articleId: article.id, textKind: 'clean', start, end: start + 5 + Math.floor(rand() * 30), color: 'yellow', note: `n-${tag}` })
      ids.push(view.id)
      out({ op: 'create', id: view.id, note: `n-${tag}` })
    } else if (r < 0.75) {
      const id = ids[Math.floor(rand() * ids.length)] as number
      updateAnnotationFields(db, id, { note: `n-${tag}` })
      out({ op: 'note', id, note: `n-${tag}` })
    } else {
      addTags(db, [article.id], [`t-${tag}`])
      out({ op: 'tag', articleId: article.id, tag: `t-${tag}` })
    }
    // Let the event loop flush stdout now and then; the writes themselves stay synchronous commits.
    if (seq % 20 === 19) await new Promise((r2) => setImmediate(r2))
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`annotation-writer: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
