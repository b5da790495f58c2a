// Colleagues' highlights as layers the reader may show or hide (setting colleagueLayers); the member's
// own highlights (author null) are always shown.
export function shownLayers<T extends { author?: string | null }>(items: readonly T[], showColleagues: boolean): T[] {
  return showColleagues ? [...items] : items.filter((a) => !a.author)
}
