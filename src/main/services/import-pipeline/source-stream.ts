// Where prepared import events come from: the worker thread (the default: parsing runs on the other core),
// or inline on this thread (small imports, and a fallback if a worker cannot start).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ImportLimits } from '../formats'
import type { PreparedEvent } from './prepare'
import type { FromWorker, ToWorker, WorkerInput } from './worker'

export interface StreamOptions {
  signal?: AbortSignal
  limits?: Partial<ImportLimits>
  /** false parses on this thread. */
  worker?: boolean
}

export type PreparedStream = AsyncIterable<PreparedEvent>

/** Built bundles ship import-worker.js beside them; from sources (tsx, vitest) the .ts file runs via tsx. */
function startWorker(input: WorkerInput): Worker {
  const built = join(__dirname, 'import-worker.js')
  if (existsSync(built)) return new Worker(built, { workerData: input })
  const source = join(__dirname, 'worker.ts')
  if (!existsSync(source)) throw new Error(`import worker not found beside ${__dirname}`)
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)})`, {
    eval: true,
    workerData: input
  })
}

export function preparedSources(paths: string[], options: StreamOptions = {}): PreparedStream {
  // MARGINALIA_IMPORT_WORKER=0 forces inline parsing (diagnostics, and the benchmark's comparison).
  if (options.worker === false || process.env.MARGINALIA_IMPORT_WORKER === '0') return inline(paths, options)
  let worker: Worker
  try {
    worker = startWorker({ paths, ...(options.limits ? { limits: options.limits } : {}) })
  } catch {
    return inline(paths, options)
  }
  const queue: FromWorker[] = []
  let wake: (() => void) | null = null
  let failure: Error | null = null
  worker.on('message', (m: FromWorker) => {
    queue.push(m)
    wake?.()
  })
  worker.on('error', (e) => {
    failure = e
    wake?.()
  })
  worker.on('exit', () => {
    queue.push({ type: 'done' })
    wake?.()
  })
  // Cancel terminates the worker: a message would wait behind whatever synchronous parse it is in (one
  // HTML page can take minutes), and V8 interrupts even that. Its 'exit' ends the stream; what the
  // writer already committed stays.
  const onAbort = (): void => void worker.terminate()
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })

  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const message = queue.shift()
          if (!message) {
            if (failure) throw failure
            await new Promise<void>((resolve) => (wake = resolve))
            wake = null
            continue
          }
          if (message.type === 'done') return
          if (message.type === 'error') throw new Error(message.message)
          yield* message.events
          // The batch is consumed: let the worker send another (flow control keeps memory flat).
          worker.postMessage({ type: 'ack' } satisfies ToWorker)
        }
      } finally {
        options.signal?.removeEventListener('abort', onAbort)
        void worker.terminate()
      }
    }
  }
}

function inline(paths: string[], options: StreamOptions): PreparedStream {
  return {
    async *[Symbol.asyncIterator]() {
      // Loaded here, not at the top: with the worker the writer never loads the parsers.
      const { readSources } = await import('./sources')
      const { prepareEvent } = await import('./prepare')
      for await (const event of readSources(paths, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.limits ? { limits: options.limits } : {})
      })) {
        yield prepareEvent(event)
      }
    }
  }
}
