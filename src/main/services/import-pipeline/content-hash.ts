// Duplicate detection key (main process): the same article imported twice, or once in Simplified and once
// in Traditional, folds to the same text and so the same hash.
//
// A long text identifies its story on its own: the same story saved once with and once without its
// title or metadata is one article, and libraries keep the key they were imported with (text only), so
// no migration is needed. A short text does not: feed teasers ("submitted by … to …"), one shared
// summary line or a stub body are the same for different stories, so below TEXT_KEY_MIN_CHARS the title
// is part of the key. 200 folded characters is several full sentences of Chinese, longer than the
// boilerplate and teaser lines that collapsed stories into one, and far shorter than any news story.
import { createHash } from 'node:crypto'
import { foldForSearch } from '@shared/script'

export const TEXT_KEY_MIN_CHARS = 200

function fold(s: string): string {
  return foldForSearch(s.normalize('NFKC')).replace(/\s+/gu, '')
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex')
}

export interface DuplicateKey {
  /** what content_hash stores */
  hash: string
  /**
   * Short texts only: the text-only key rows imported before titles counted stored. Such a row is the
   * same article only when its title also matches (the pipeline checks).
   */
  legacyHash: string | null
}

export function duplicateKey(title: string, text: string): DuplicateKey {
  const body = fold(text)
  if (body.length >= TEXT_KEY_MIN_CHARS) return { hash: sha256(body), legacyHash: null }
  return { hash: sha256(`${fold(title)}\n${body}`), legacyHash: sha256(body) }
}

/** The stored key of an article with this title and text. */
export function contentHash(title: string, text: string): string {
  return duplicateKey(title, text).hash
}

/** Titles compared the way keys fold them (script, width and whitespace insensitive). */
export function sameTitle(a: string, b: string): boolean {
  return fold(a) === fold(b)
}
