// Kill -9 during highlight, note and tag writes (20 kill points). A child writes through the real services
// and acknowledges each committed write on stdout; after each SIGKILL every acknowledged write must be in
// the library (SQLite promises durability across application crashes; we check it).
import { afterAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openLibrary } from '../../src/main/app/bootstrap'
import { closeDatabase } from '../../src/main/db/connection'
import { importPaths } from '../../src/main/services/import-pipeline/pipeline'
import { SAMPLES } from '../helpers/test-db'
import { dbHealth, exited, figures, lines, rng, seconds, spawnTs, tempDir, withDb } from './helpers'

const KILLS = 20

type Ack = { op: 'ready' } | { op: 'create' | 'note'; id: number; note: string } | { op: 'tag'; articleId: number; tag: string }

describe('kill -9 during highlight, note and tag writes', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('loses no acknowledged write at 20 kill points', async () => {
    const t0 = performance.now()
    const dbPath = join(tmp.dir, 'library.sqlite')
    const db = await openLibrary(dbPath)
    await importPaths(db, [SAMPLES], { worker: false })
    closeDatabase(db)

    const rand = rng(2)
    /** The last acknowledged note seq per highlight; acknowledged tags. */
    const noteSeq = new Map<number, number>()
    const tags: { articleId: number; tag: string }[] = []
    let acked = 0
    let lost = 0
    let integrityOk = 0
    const problems: string[] = []
    const seqOf = (note: string): number => Number(note.split('-').pop())
    for (let k = 0; k < KILLS; k++) {
      const child = spawnTs('annotation-writer.ts', [dbPath, String(Math.floor(rand() * 1e9))])
      let stderr = ''
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
      const pidTag = (child.pid ?? 0) * 1_000_000
      const ready = new Promise<void>((resolve) =>
        lines(child, (line) => {
          const ack = JSON.parse(line) as Ack
          if (ack.op === 'ready') return resolve()
          acked++
          // Notes carry "<pid>-<seq>": order across runs by pid then seq.
          if (ack.op === 'tag') tags.push(ack)
          else noteSeq.set(ack.id, pidTag + seqOf(ack.note))
        })
      )
      await Promise.race([ready, exited(child)])
      await new Promise((r) => setTimeout(r, 20 + Math.floor(rand() * 400)))
      child.kill('SIGKILL')
      const end = await exited(child)
      expect(end.signal, stderr).toBe('SIGKILL')
      const h = dbHealth(dbPath)
      if (h.integrity === 'ok' && h.foreignKeyViolations === 0) integrityOk++
      else problems.push(`kill ${k}: ${JSON.stringify(h)}`)
      withDb(dbPath, (conn) => {
        const notes = new Map((conn.prepare('SELECT id, note FROM annotations').all() as { id: number; note: string }[]).map((r) => [r.id, r.note]))
        for (const [id, expected] of noteSeq) {
          const note = notes.get(id)
          if (note === undefined) {
            lost++
            continue
          }
          const [pid, seq] = note.slice(2).split('-').map(Number) as [number, number]
          // The stored note is the acknowledged one or a later write the kill did not let us acknowledge.
          if (pid * 1_000_000 + seq < expected) lost++
        }
        const has = conn.prepare('SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? AND t.name = ?')
        for (const t of tags) if (!has.get(t.articleId, t.tag)) lost++
      })
    }
    figures(
      `annotation-kill: ${KILLS} SIGKILLs during ${acked} acknowledged writes (highlights, notes, tags): ${lost} acknowledged writes lost, ` +
        `integrity+FK ok ${integrityOk}/${KILLS}; ${seconds(performance.now() - t0)}`
    )
    expect(problems).toEqual([])
    expect(lost).toBe(0)
    expect(acked).toBeGreaterThan(KILLS * 5)
  }, 300_000)
})
