// Page object for the main window: finds controls by role and accessible name, as a screen reader would.
import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

export class MarginaliaPage {
  constructor(
    readonly page: Page,
    readonly url: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url)
    await expect(this.list).toBeVisible()
  }

  async reload(): Promise<void> {
    await this.page.reload()
    await expect(this.list).toBeVisible()
  }

  /** Switches the UI language through Settings (the app starts in 简体中文). */
  async setLanguage(id: 'zh-Hans' | 'zh-Hant' | 'en'): Promise<void> {
    if (id === 'zh-Hans') return
    await this.page.getByRole('button', { name: '设置', exact: true }).click()
    await this.page.getByRole('combobox', { name: '界面语言' }).selectOption(id)
    await this.page.keyboard.press('Escape')
  }

  get list(): Locator {
    return this.page.getByRole('listbox').first()
  }

  get options(): Locator {
    return this.list.getByRole('option')
  }

  option(title: string | RegExp): Locator {
    return this.options.filter({ hasText: title })
  }

  get search(): Locator {
    return this.page.getByRole('searchbox')
  }

  get article(): Locator {
    return this.page.getByRole('article')
  }

  get articleTitle(): Locator {
    return this.article.getByRole('heading', { level: 1 })
  }

  /** Body paragraphs (cleaned view) or lines (original view), each carrying its character offset. */
  get paragraphs(): Locator {
    return this.article.locator('[data-offset]')
  }

  get readerScroll(): Locator {
    return this.page.locator('.reader-scroll')
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' })
  }

  async openArticle(title: string | RegExp): Promise<void> {
    await this.option(title).first().click()
    await expect(this.articleTitle).toBeVisible()
  }

  /** The reading font size currently applied to the article, in px. */
  async articleFontSize(): Promise<number> {
    return this.article.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  }

  async theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme)
  }
}
