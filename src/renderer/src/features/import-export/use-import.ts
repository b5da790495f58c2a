// Import flow: starts imports (native dialog or a drop by path in Electron, file input or drop as bytes in
// the preview host), follows
// them through import:progress events and an import:report poll (in case an event is missed), and collects
// the final report(s) for the report dialog.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { AppInfo, ImportProgress, ImportReport } from '@shared/types'
import { call, subscribe } from '../../api/client'
import { notify, reportError } from '../../app/toast-store'
import { batchFiles, readFiles } from './read-files'

const POLL_MS = 1500

export interface ImportState {
  /** Imports still running (by id), with their latest progress when an event arrived. */
  running: Map<number, ImportProgress | null>
  /** Files being read in the renderer before they are sent. */
  reading: number | null
  /** Finished reports of the last batch, shown together. */
  reports: ImportReport[] | null
}

export function mergeReports(reports: readonly ImportReport[]): ImportReport | null {
  const first = reports[0]
  if (!first) return null
  const order: ImportReport['status'][] = ['failed', 'cancelled', 'running', 'undone', 'done']
  const status = order.find((s) => reports.some((r) => r.status === s)) ?? first.status
  return {
    importId: first.importId,
    status,
    startedAt: first.startedAt,
    finishedAt: reports[reports.length - 1]?.finishedAt ?? null,
    imported: reports.flatMap((r) => r.imported),
    duplicates: reports.flatMap((r) => r.duplicates),
    failed: reports.flatMap((r) => r.failed),
    linksOnly: reports.flatMap((r) => r.linksOnly ?? []),
    annotations: reports.flatMap((r) => r.annotations ?? []),
    warnings: reports.flatMap((r) => r.warnings ?? [])
  }
}

/** `inputRef` is the hidden file input used in the preview host (owned by the caller, which renders it). */
export function useImport(info: AppInfo | null, inputRef: RefObject<HTMLInputElement | null>) {
  const [state, setState] = useState<ImportState>({ running: new Map(), reading: null, reports: null })
  const batch = useRef<{ ids: Set<number>; done: ImportReport[] }>({ ids: new Set(), done: [] })

  const finish = useCallback((report: ImportReport) => {
    const b = batch.current
    if (!b.ids.has(report.importId) || report.status === 'running') return
    b.ids.delete(report.importId)
    b.done.push(report)
    setState((s) => {
      const running = new Map(s.running)
      running.delete(report.importId)
      return { ...s, running, reports: b.ids.size === 0 ? [...b.done] : s.reports }
    })
  }, [])

  const track = useCallback((importId: number) => {
    batch.current.ids.add(importId)
    setState((s) => ({ ...s, running: new Map(s.running).set(importId, s.running.get(importId) ?? null) }))
  }, [])

  useEffect(() => {
    const offProgress = subscribe('import:progress', (p) => {
      setState((s) => (s.running.has(p.importId) ? { ...s, running: new Map(s.running).set(p.importId, p) } : s))
    })
    const offFinished = subscribe('import:finished', finish)
    return () => {
      offProgress()
      offFinished()
    }
  }, [finish])

  // Poll while something runs: the report is authoritative and covers a missed finished event.
  const runningIds = [...state.running.keys()].join(',')
  useEffect(() => {
    if (!runningIds) return
    const timer = window.setInterval(() => {
      for (const id of batch.current.ids) {
        call('import:report', { importId: id }).then(finish, () => undefined)
      }
    }, POLL_MS)
    return () => window.clearInterval(timer)
  }, [runningIds, finish])

  const beginBatch = () => {
    if (batch.current.ids.size === 0) batch.current = { ids: new Set(), done: [] }
  }

  const importFiles = useCallback(
    async (files: readonly { file: File; name: string }[]) => {
      if (files.length === 0) {
        notify('import.noFiles')
        return
      }
      beginBatch()
      setState((s) => ({ ...s, reading: files.length }))
      try {
        // In Electron the preload has already handed main the paths of this drop: main reads the files
        // itself. Only a drop without paths (or the preview host) sends bytes.
        const dropped = info?.host === 'electron' ? await call('import:drop', {}) : null
        if (dropped) return track(dropped.importId)
        for (const chunk of batchFiles(await readFiles(files))) {
          const { importId } = await call('import:files', { files: chunk.map(({ name, bytes }) => ({ name, bytes })) })
          track(importId)
        }
      } catch (e) {
        reportError(e, 'error.action.import')
      } finally {
        setState((s) => ({ ...s, reading: null }))
      }
    },
    [info, track]
  )

  const start = useCallback(async () => {
    if (info?.host === 'electron') {
      try {
        beginBatch()
        const started = await call('import:dialog', {})
        if (started) track(started.importId)
      } catch (e) {
        reportError(e, 'error.action.import')
      }
    } else {
      inputRef.current?.click()
    }
  }, [info, track, inputRef])

  const cancel = useCallback(() => {
    for (const id of batch.current.ids) {
      call('import:cancel', { importId: id }).catch((e: unknown) => reportError(e, 'error.action.import'))
    }
  }, [])

  const closeReport = useCallback(() => setState((s) => ({ ...s, reports: null })), [])

  return { state, start, importFiles, cancel, closeReport }
}
