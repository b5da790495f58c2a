// `npm run bench`: runs every benchmark and prints its figures with the same-run baselines and ratios.
// BENCH_ONLY=script,search,import,annotations,ui,extraction,proofread,server runs a subset (BENCH_ARTICLES sets
// the search library size, built once under bench/.data and reused). The ui bench needs `npm run build` first.
import type { BenchRow } from './lib'

type Bench = { name: string; load: () => Promise<() => Promise<BenchRow[]>> }

const BENCHES: Bench[] = [
  { name: 'script', load: async () => (await import('./script.bench')).benchScript },
  { name: 'search', load: async () => (await import('./search.bench')).benchSearch },
  { name: 'import', load: async () => (await import('./import.bench')).benchImport },
  { name: 'annotations', load: async () => (await import('./annotations.bench')).benchAnnotations },
  { name: 'ui', load: async () => (await import('./ui.bench')).benchUi },
  { name: 'proofread', load: async () => (await import('./proofread.bench')).benchProofread },
  { name: 'extraction', load: async () => (await import('./extraction.bench')).benchExtraction },
  { name: 'join', load: async () => (await import('./server-join.bench')).benchJoin },
  { name: 'server', load: async () => (await import('./server.bench')).benchServer }
]

function format(row: BenchRow): string {
  const value = row.value >= 100 ? row.value.toFixed(0) : row.value.toFixed(2)
  const ratio = row.ratio !== undefined ? `  ratio ${row.ratio.toFixed(2)}× vs ${row.baseline?.name} (${row.baseline?.value.toFixed(1)})` : ''
  const target = row.target ? `  [target ${row.target}: ${row.ok ? 'met' : 'NOT MET'}]` : ''
  return `  ${row.name}: ${value} ${row.unit}${ratio}${target}`
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
  let missed = 0
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue
    console.log(`\n${bench.name}`)
    const t0 = performance.now()
    const rows = await (await bench.load())()
    for (const row of rows) {
      console.log(format(row))
      if (row.ok === false) missed++
    }
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  }
  console.log(`\n${missed === 0 ? 'all targets met' : `${missed} target(s) not met`} — machine: ${process.platform} ${process.arch}, Node ${process.version}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
