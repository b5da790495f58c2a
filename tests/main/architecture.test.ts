// The main process's layering, checked on the source text: SQL only in src/main/db, no import cycle between
// service folders, migrations frozen (they import nothing that can change after they ship).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const MAIN = resolve(__dirname, '../../src/main')
const SERVICES = join(MAIN, 'services')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

/** Relative import specifiers of a file, resolved to absolute paths (without extension). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!)
  return specs.map((spec) => resolve(dirname(file), spec))
}

/** The service folder a path belongs to ('search', 'tags', ...), or null outside src/main/services. */
function serviceFolder(path: string): string | null {
  const rel = relative(SERVICES, path)
  if (rel.startsWith('..')) return null
  return rel.split(sep)[0] ?? null
}

describe('main process layering', () => {
  it('keeps every SQL statement and query builder inside src/main/db', () => {
    const pattern = /\.prepare\(|\bsql`|selectFrom\(|insertInto\(|updateTable\(|deleteFrom\(|\.sqlite\.|\.kysely\b/
    const offenders = sourceFiles(MAIN)
      .filter((file) => !file.startsWith(join(MAIN, 'db') + sep))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: line.trim(), at: `${relative(MAIN, file)}:${i + 1}` }))
          .filter(({ line }) => !/^(\/\/|\/?\*)/.test(line) && pattern.test(line))
          .map(({ at, line }) => `${at}: ${line}`)
      )
    expect(offenders).toEqual([])
  })

  it('has no import cycle between service folders', () => {
    const graph = new Map<string, Set<string>>()
    for (const file of sourceFiles(SERVICES)) {
      const from = serviceFolder(file)!
      const edges = graph.get(from) ?? new Set<string>()
      for (const target of relativeImports(file)) {
        const to = serviceFolder(target)
        if (to && to !== from && !to.includes('.')) edges.add(to)
      }
      graph.set(from, edges)
    }
    // Depth-first search; a back edge is a cycle, reported as the path around it.
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (node: string, path: string[]): void => {
      state.set(node, 'open')
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), node, next].join(' -> '))
        else if (!state.has(next)) visit(next, [...path, node])
      }
      state.set(node, 'done')
    }
    for (const node of graph.keys()) if (!state.has(node)) visit(node, [])
    expect(graph.size).toBeGreaterThan(5)
    expect(cycles).toEqual([])
  })

  it('keeps services free of host code and db free of services', () => {
    const hosts = ['cli', 'ipc', 'preview', 'shell', 'menu', 'window', 'app'].map((h) => join(MAIN, h))
    const crossings: string[] = []
    for (const file of sourceFiles(SERVICES)) {
      for (const target of relativeImports(file)) {
        if (hosts.some((h) => target === h || target.startsWith(h + sep))) crossings.push(`${relative(MAIN, file)} -> ${relative(MAIN, target)}`)
      }
    }
    for (const file of sourceFiles(join(MAIN, 'db'))) {
      for (const target of relativeImports(file)) {
        if (!target.startsWith(join(MAIN, 'db'))) crossings.push(`${relative(MAIN, file)} -> ${relative(MAIN, target)}`)
      }
    }
    expect(crossings).toEqual([])
  })

  // One exception, on purpose: 0002 builds the search index with the app's script folding
  // (@shared/script foldForSearch), because the index must fold as the live queries do; a change of
  // folding bumps the tokenizer version and rebuilds the index anyway. Its tokenizer is frozen in the file.
  const ALLOWED: Record<string, string[]> = { '0002_search.ts': ['@shared/script'] }

  it('freezes migrations: they import only kysely', () => {
    const dir = join(MAIN, 'db', 'migrations')
    const live = sourceFiles(dir)
      .filter((file) => !file.endsWith('index.ts'))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/from\s*'([^']+)'/g)]
          .map((m) => m[1]!)
          .filter((spec) => spec !== 'kysely' && !(ALLOWED[relative(dir, file)] ?? []).includes(spec))
          .map((spec) => `${relative(dir, file)} imports ${spec}`)
      )
    expect(live).toEqual([])
  })
})
