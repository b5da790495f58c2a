// Duplicate detection key (main process): the same article imported twice, or once in Simplified and once
// in Traditional, folds to the same title and text and so the same hash. The title is part of the key:
// on the body alone, short bodies ("submitted by … to …", one shared teaser line) collapsed into one.
import { createHash } from 'node:crypto'
import { foldForSearch } from '@shared/script'

function fold(s: string): string {
  return foldForSearch(s.normalize('NFKC')).replace(/\s+/gu, '')
}

/** sha256 of the script-folded title and text, all whitespace removed. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(`${fold(title)}\n${fold(text)}`, 'utf8').digest('hex')
}

/** The key before titles were part of it (text only): what rows imported earlier carry in content_hash. */
export function textOnlyHash(text: string): string {
  return createHash('sha256').update(fold(text), 'utf8').digest('hex')
}
