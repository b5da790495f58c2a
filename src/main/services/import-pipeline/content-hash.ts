// Duplicate detection key (main process): the same article imported twice, or once in Simplified and once
// in Traditional, folds to the same text and so the same hash.
import { createHash } from 'node:crypto'
import { foldForSearch } from '@shared/script'

/** sha256 of the script-folded text with all whitespace removed. */
export function contentHash(text: string): string {
  const folded = foldForSearch(text.normalize('NFKC')).replace(/\s+/gu, '')
  return createHash('sha256').update(folded, 'utf8').digest('hex')
}
