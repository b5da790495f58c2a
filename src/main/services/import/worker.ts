// The import worker thread: reads and parses sources (files, folders, zips), cleans, hashes and tokenises
// every article, and streams the results to the writer on the main thread, so an import uses both cores
// and the process that owns the database never parses. At most MAX_IN_FLIGHT files wait unacknowledged,
// so memory stays flat however large the archive.
import { parentPort, workerData } from 'node:worker_threads'
import { readSources, type ImportLimits } from '../archive-import'
import { prepareEvent } from './prepare'

export interface WorkerInput {
  paths: string[]
  limits?: Partial<ImportLimits>
}

export type ToWorker = { type: 'ack' } | { type: 'abort' }
export type FromWorker =
  | { type: 'event'; event: import('./prepare').PreparedEvent }
  | { type: 'done' }
  | { type: 'error'; message: string }

const MAX_IN_FLIGHT = 8

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  const controller = new AbortController()
  let inFlight = 0
  let wake: (() => void) | null = null
  port.on('message', (message: ToWorker) => {
    if (message.type === 'abort') controller.abort()
    if (message.type === 'ack') inFlight--
    wake?.()
  })
  try {
    for await (const event of readSources(input.paths, {
      signal: controller.signal,
      ...(input.limits ? { limits: input.limits } : {})
    })) {
      if (controller.signal.aborted) break
      const prepared = prepareEvent(event)
      port.postMessage({ type: 'event', event: prepared } satisfies FromWorker)
      if (prepared.kind === 'file') inFlight++
      while (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) {
        await new Promise<void>((resolve) => (wake = resolve))
        wake = null
      }
    }
    port.postMessage({ type: 'done' } satisfies FromWorker)
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker)
  }
  port.close()
}

if (parentPort) void run(parentPort, workerData as WorkerInput)
