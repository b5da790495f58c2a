// Page object for highlights and notes in the reading view: selects text with a real mouse drag (the
// coordinates of the characters are measured in the page; the selection itself is made by the mouse),
// and finds the popover, the marks and the annotation panel by role and accessible name.
import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

export interface DragPoints {
  x1: number
  y1: number
  x2: number
  y2: number
}

export class ReaderAnnotations {
  constructor(readonly page: Page) {}

  get body(): Locator {
    return this.page.locator('.reader__body, .reader__raw')
  }

  get marks(): Locator {
    return this.body.locator('mark')
  }

  /** Marks whose text is exactly `text`. */
  mark(text: string): Locator {
    return this.marks.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
  }

  get popover(): Locator {
    return this.page.getByRole('toolbar', { name: '高亮工具' })
  }

  get panel(): Locator {
    return this.page.getByRole('complementary', { name: '批注' })
  }

  get panelToggle(): Locator {
    return this.page.getByRole('button', { name: '批注栏' })
  }

  /** The annotation cards in the panel (reading order, then the orphans). */
  get cards(): Locator {
    return this.panel.locator('li[data-annotation-id]')
  }

  card(text: string | RegExp): Locator {
    return this.cards.filter({ hasText: text })
  }

  async openPanel(): Promise<void> {
    if ((await this.panelToggle.getAttribute('aria-pressed')) !== 'true') await this.panelToggle.click()
    await expect(this.panel).toBeVisible()
  }

  /** Screen coordinates from just inside the first character of `start` to just inside the last character
   * of `end` (default: the end of `start` itself); `end` is searched after `start`. */
  async points(start: string, end?: string): Promise<DragPoints> {
    const points = await this.body.evaluate(
      (body, { start, end }) => {
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
        const nodes: { node: Text; start: number }[] = []
        let text = ''
        while (walker.nextNode()) {
          const node = walker.currentNode as Text
          nodes.push({ node, start: text.length })
          text += node.data
        }
        const i = text.indexOf(start)
        if (i < 0) return null
        const j = end === undefined ? i : text.indexOf(end, i + start.length)
        if (j < 0) return null
        const last = j + (end ?? start).length - 1
        const charRect = (k: number) => {
          const hit = nodes.find((n) => n.start <= k && k < n.start + n.node.data.length)
          if (!hit) throw new Error(`no text at ${k}`)
          const r = document.createRange()
          r.setStart(hit.node, k - hit.start)
          r.setEnd(hit.node, k - hit.start + 1)
          return r.getBoundingClientRect()
        }
        const firstChar = nodes.find((n) => n.start <= i && i < n.start + n.node.data.length)
        firstChar?.node.parentElement?.closest('[data-offset]')?.scrollIntoView({ block: 'center' })
        const a = charRect(i)
        const b = charRect(last)
        return { x1: a.left + 2, y1: a.top + a.height / 2, x2: b.right - 2, y2: b.top + b.height / 2 }
      },
      { start, end }
    )
    if (!points) throw new Error(`text not found in the reading view: ${start}${end ? ` … ${end}` : ''}`)
    return points
  }

  /** Selects from `start` through `end` by dragging the mouse. */
  async select(start: string, end?: string): Promise<void> {
    const p = await this.points(start, end)
    await this.page.mouse.move(p.x1, p.y1)
    await this.page.mouse.down()
    await this.page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 })
    await this.page.mouse.move(p.x2, p.y2, { steps: 4 })
    await this.page.mouse.up()
  }

  /** Selects by mouse and highlights with the popover's colour button (e.g. '黄色高亮'). */
  async highlight(start: string, end: string | undefined, button = '黄色高亮'): Promise<void> {
    await this.select(start, end)
    await expect(this.popover).toBeVisible()
    await this.popover.getByRole('button', { name: button }).click()
    await expect(this.popover).toBeHidden()
  }

  /** The text of every mark carrying highlight `id`, joined in document order. */
  async textOf(id: string): Promise<string> {
    return this.body.evaluate((body, id) => [...body.querySelectorAll(`mark[data-ids~="${id}"]`)].map((m) => m.textContent).join(''), id)
  }
}
