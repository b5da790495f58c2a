// The one interface every notes export format implements (main process).
import type { NotesExportFormat } from '@shared/anchoring/types'
import type { NotesDocument } from '../collect'

export interface NotesWriter {
  format: NotesExportFormat
  /** File extension without the dot. */
  extension: string
  mimeType: string
  /** Serialises the whole document; pure (no I/O), so the same writer serves IPC, preview download and CLI. */
  write(doc: NotesDocument): string
}

export const COLOR_CSS: Record<string, string> = {
  yellow: '#fff3a3',
  green: '#c8f0c0',
  blue: '#c6e2ff',
  pink: '#ffd0e0',
  purple: '#e2d4ff'
}

/** 2024-05-01T08:09:10.000Z → 2024-05-01 08:09:10 (UTC). */
export function plainDateTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z?$|Z$/, '')
}
