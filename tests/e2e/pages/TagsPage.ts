// Page object for tags and search: the sidebar tag tree, the filter chips above the list, the list's
// multi-selection and bulk actions, the reader's tag editor and the Undo toasts. Found by role and name.
import { resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import type { MarginaliaPage } from './MarginaliaPage'

const FIXTURES = resolve(__dirname, '../../fixtures/import')

/** Real news articles (see tests/fixtures/import/PROVENANCE.md); the third duplicates a sample article. */
export const NEWS_TXT = [
  'news_txt/patrick233__testEdu__备考托福听力 选择合适材料与方法.txt',
  'news_txt/patrick233__testEdu__带中国处方药赴美小心触法 仅限三月内自用药量.txt',
  'news_txt/patrick233__testFashion__维密超模何穗说：西裤搭毛衣才最时髦.txt'
].map((f) => resolve(FIXTURES, f))

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

export class TagsPage {
  readonly page: Page

  constructor(readonly app: MarginaliaPage) {
    this.page = app.page
  }

  /** Imports files through the hidden file input and dismisses the report. */
  async importFiles(paths: string[]): Promise<void> {
    await this.page.getByLabel('导入文件').setInputFiles(paths)
    const report = this.page.getByRole('dialog', { name: '导入报告' })
    await expect(report).toBeVisible({ timeout: 20_000 })
    await expect(report).toContainText('导入完成')
    await report.getByRole('button', { name: '知道了' }).click()
    await expect(report).toBeHidden()
  }

  get tree(): Locator {
    return this.page.getByRole('tree', { name: '标签' })
  }

  /** A tag in the tree by its label (last path segment), optionally with its count. */
  treeItem(label: string, count?: number): Locator {
    const name = count === undefined ? new RegExp(`^${escape(label)}，`) : new RegExp(`^${escape(label)}，${count} 篇`)
    return this.tree.getByRole('treeitem', { name })
  }

  /** The removable chip of an active tag filter. */
  chip(name: string): Locator {
    return this.page.getByRole('button', { name: `移除筛选 ${name}`, exact: true })
  }

  get chips(): Locator {
    return this.page.getByRole('group', { name: '标签筛选' })
  }

  get count(): Locator {
    return this.page.locator('.list-pane__count')
  }

  async expectCount(n: number): Promise<void> {
    await expect(this.count).toHaveText(`${n} 篇`)
    await expect(this.app.options).toHaveCount(n)
  }

  /** Opens a tag's context menu (right-click) and picks an item. */
  async menu(label: string, item: string): Promise<void> {
    await this.treeItem(label).click({ button: 'right' })
    const menu = this.page.getByRole('menu')
    await expect(menu).toBeVisible()
    await menu.getByRole('menuitem', { name: item }).click()
  }

  /** Ctrl-clicks each article, then adds (or removes) tags through the bulk bar. */
  async bulk(mode: 'add' | 'remove', titles: RegExp[], names: string): Promise<void> {
    for (const title of titles) await this.app.option(title).click({ modifiers: ['ControlOrMeta'] })
    await expect(this.page.getByRole('toolbar', { name: '批量操作' })).toContainText(`已选 ${titles.length} 篇`)
    await this.app.button(mode === 'add' ? '添加标签…' : '移除标签…').click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('标签名称').fill(names)
    await dialog.getByRole('button', { name: mode === 'add' ? '添加' : '移除', exact: true }).click()
    await expect(dialog).toBeHidden()
  }

  /** Clears the list's multi-selection with the bulk bar's button. */
  async clearSelection(): Promise<void> {
    await this.app.button('取消选择').click()
    await expect(this.page.getByRole('toolbar', { name: '批量操作' })).toHaveCount(0)
  }

  get editor(): Locator {
    return this.page.getByRole('group', { name: '文章标签' })
  }

  /** Adds tags to the open article through the reader's tag editor. */
  async addInReader(names: string): Promise<void> {
    if (!(await this.page.getByLabel('新标签', { exact: true }).isVisible())) await this.app.button('添加标签').click()
    await this.page.getByLabel('新标签', { exact: true }).fill(names)
    await this.page.getByLabel('新标签', { exact: true }).press('Enter')
  }

  /** The newest toast that offers Undo (the app's one toast stack). */
  get undoToast(): Locator {
    return this.page
      .locator('.toasts .toast')
      .filter({ has: this.page.getByRole('button', { name: '撤销', exact: true }) })
      .last()
  }

  get sort(): Locator {
    return this.page.getByRole('combobox', { name: '排序', exact: true })
  }
}
