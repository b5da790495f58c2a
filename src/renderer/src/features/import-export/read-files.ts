// Browser-side file gathering for import: dropped folders are walked with webkitGetAsEntry, and files are
// read into bytes for import:files (the preview host uploads them one by one; in Electron a drop goes by path
// through import:drop instead, and this is the fallback for items without one).
export interface ReadFile {
  name: string
  bytes: Uint8Array<ArrayBuffer>
  size: number
}

/** The contract's caps for one import:files call (see src/shared/api.ts), and what one call should carry. */
export const MAX_FILES_PER_CALL = 1000
export const MAX_BYTES_PER_CALL = 200 * 1024 * 1024

export async function readFiles(files: readonly { file: File; name: string }[]): Promise<ReadFile[]> {
  const out: ReadFile[] = []
  for (const { file, name } of files) out.push({ name, bytes: new Uint8Array(await file.arrayBuffer()), size: file.size })
  return out
}

/** Splits files into batches that each fit one import:files call. */
export function batchFiles<T extends { size: number }>(files: readonly T[]): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const f of files) {
    if (current.length > 0 && (current.length >= MAX_FILES_PER_CALL || bytes + f.size > MAX_BYTES_PER_CALL)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(f)
    bytes += f.size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

function isHidden(name: string): boolean {
  return name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini'
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader()
  const all: FileSystemEntry[] = []
  return new Promise((resolve, reject) => {
    // readEntries answers in chunks (about 100 at a time) until it returns an empty array.
    const next = () =>
      reader.readEntries((entries) => {
        if (entries.length === 0) resolve(all)
        else {
          all.push(...entries)
          next()
        }
      }, reject)
    next()
  })
}

async function walk(entry: FileSystemEntry, prefix: string, out: { file: File; name: string }[]): Promise<void> {
  if (isHidden(entry.name)) return
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    out.push({ file, name: prefix + entry.name })
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, `${prefix}${entry.name}/`, out)
  }
}

/** Files from a drop event, folders included. Must be called synchronously inside the drop handler. */
export function filesFromDrop(data: DataTransfer): Promise<{ file: File; name: string }[]> {
  // DataTransferItems are only valid during the event, so the entries are taken before any await.
  const entries: FileSystemEntry[] = []
  const loose: File[] = []
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue
    const entry = item.webkitGetAsEntry?.()
    if (entry) entries.push(entry)
    else {
      const f = item.getAsFile()
      if (f) loose.push(f)
    }
  }
  return (async () => {
    const out: { file: File; name: string }[] = loose.map((file) => ({ file, name: file.name }))
    for (const entry of entries) await walk(entry, '', out)
    return out
  })()
}
