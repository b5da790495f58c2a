// Browser-side file gathering for import: dropped folders are walked with webkitGetAsEntry, and files are read
// as base64 for import:files (the preview host and drag-and-drop have bytes, not paths).
export interface EncodedFile {
  name: string
  base64: string
  size: number
}

/** The contract's caps for one import:files call (see src/shared/api.ts). */
export const MAX_FILES_PER_CALL = 1000
export const MAX_BASE64_PER_CALL = 200 * 1024 * 1024

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.onload = () => {
      const url = String(reader.result)
      // A data: URL; the payload follows the first comma.
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

export async function encodeFiles(files: readonly { file: File; name: string }[]): Promise<EncodedFile[]> {
  const out: EncodedFile[] = []
  for (const { file, name } of files) out.push({ name, base64: await readAsBase64(file), size: file.size })
  return out
}

/** Splits encoded files into batches that each fit one import:files call. */
export function batchFiles(files: readonly EncodedFile[]): EncodedFile[][] {
  const batches: EncodedFile[][] = []
  let current: EncodedFile[] = []
  let bytes = 0
  for (const f of files) {
    if (current.length > 0 && (current.length >= MAX_FILES_PER_CALL || bytes + f.base64.length > MAX_BASE64_PER_CALL)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(f)
    bytes += f.base64.length
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
