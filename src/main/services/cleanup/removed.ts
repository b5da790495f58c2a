// What cleanup takes out of an article's body, kept as metadata beside it (never silently dropped).

export interface RemovedContent {
  relatedHeadlines: string[]
  placeholders: string[]
  pinyinGlosses: number
  [k: string]: unknown
}

export function emptyRemoved(): RemovedContent {
  return { relatedHeadlines: [], placeholders: [], pinyinGlosses: 0 }
}
