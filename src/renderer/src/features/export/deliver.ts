// What to do with an ExportOutcome: in the preview host the files come back as text and are offered as
// browser downloads (Blob + <a download>); in Electron main already saved them and we say where.
import type { ExportOutcome } from '@shared/anchoring/types'
import { notify } from '../../app/toast-store'

export function downloadText(fileName: string, mimeType: string, content: string): void {
  const type = mimeType.includes('charset') ? mimeType : `${mimeType};charset=utf-8`
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoke after the click has been handled (the download keeps its own reference).
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Delivers an export; returns false when the user cancelled (so the dialog stays open). */
export function deliverOutcome(outcome: ExportOutcome): boolean {
  if (outcome.status === 'cancelled') return false
  if (outcome.status === 'download') {
    for (const f of outcome.files) downloadText(f.fileName, f.mimeType, f.content)
    notify('export.downloaded', { count: outcome.files.length })
    return true
  }
  notify('export.saved', { path: outcome.paths.length === 1 ? (outcome.paths[0] ?? '') : `${outcome.paths.length} × ${outcome.paths[0] ?? ''}` })
  return true
}
