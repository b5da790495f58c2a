// The import worker thread: reads and parses sources (files, folders, zips), cleans, hashes and tokenises
// every article, and streams the results to the writer on the main thread, so an import uses both cores
// and the process that owns the database never parses. At most MAX_IN_FLIGHT batches wait unacknowledged,
// so memory stays flat however large the archive. Cancelling terminates this thread (source-stream.ts).
import { parentPort, workerData } from 'node:worker_threads'
import type { ImportLimits } from '../formats'
import { readSources } from './sources'
import { prepareEvent, type PreparedEvent } from './prepare'

export interface WorkerInput {
  paths: string[]
  limits?: Partial<ImportLimits>
}

export type ToWorker = { type: 'ack' }
export type FromWorker =
  | { type: 'events'; events: import('./prepare').PreparedEvent[] }
  | { type: 'done' }
  | { type: 'error'; message: string }

// Events are posted in batches (a folder of small files would otherwise cost two messages and an
// acknowledgement per file); a batch closes at BATCH_EVENTS events or BATCH_ARTICLES articles.
const MAX_IN_FLIGHT = 4
const BATCH_EVENTS = 64
const BATCH_ARTICLES = 200
const BATCH_MS = 100

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let inFlight = 0
  let wake: (() => void) | null = null
  port.on('message', (message: ToWorker) => {
    if (message.type === 'ack') inFlight--
    wake?.()
  })
  let batch: PreparedEvent[] = []
  let batchArticles = 0
  let lastSent = Date.now()
  const send = async (): Promise<void> => {
    if (batch.length === 0) return
    port.postMessage({ type: 'events', events: batch } satisfies FromWorker)
    batch = []
    batchArticles = 0
    lastSent = Date.now()
    inFlight++
    while (inFlight >= MAX_IN_FLIGHT) {
      await new Promise<void>((resolve) => (wake = resolve))
      wake = null
    }
  }
  try {
    for await (const event of readSources(input.paths, input.limits ? { limits: input.limits } : {})) {
      const prepared = prepareEvent(event)
      batch.push(prepared)
      if (prepared.kind === 'file') batchArticles += prepared.articles.length
      // ...or after BATCH_MS, so slow files (large HTML pages) still report progress often.
      if (batch.length >= BATCH_EVENTS || batchArticles >= BATCH_ARTICLES || Date.now() - lastSent >= BATCH_MS) await send()
    }
    await send()
    port.postMessage({ type: 'done' } satisfies FromWorker)
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker)
  }
  port.close()
}

if (parentPort) void run(parentPort, workerData as WorkerInput)
