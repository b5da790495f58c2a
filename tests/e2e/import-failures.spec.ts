// The import report's failure reasons in plain words (issue 11), in real Chromium through the page's file
// input: a file that disappears after it was chosen and before the import reads it, a file whose encoding
// cannot be decoded confidently, and a read-later record that is only a one-paragraph excerpt not marked
// as one. Each row names its file; no system error code (ENOENT, EACCES…) and no English sentence from the
// main process reaches the user.
//
// "Disappears" is real: in the preview host a chosen file is streamed to the host's upload folder (POST
// /api/upload), then one request (/api/upload/import) hands it to the import. The test deletes that
// upload from disk as the request leaves the page, then lets the request through unchanged to the real
// handler, which finds the file gone: what happens when a chosen file is moved or deleted before it is read.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, shot, test } from './fixtures'

const MISSING = '即将消失的稿件.txt'
const UNDECODABLE = '编码不明的稿件.txt'
const READLATER = '稍后读导出.json'
const EXCERPT_URL = 'https://example.org/yimi'

function writeInputs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-failures-'))
  writeFileSync(join(dir, MISSING), '这篇稿件在选中之后、读取之前被删除了。'.repeat(5))
  // Neither UTF-8 nor any Chinese encoding: bytes GB18030 and Big5 both refuse, around a little UTF-8.
  const junk = Buffer.from(Array(30).fill([0x80, 0xff, 0x81, 0x30, 0xff, 0xfe, 0x80, 0x80, 0xa0, 0xff]).flat())
  writeFileSync(join(dir, UNDECODABLE), Buffer.concat([Buffer.from('新闻稿 '), junk, Buffer.from('。\n')]))
  const records = [
    // One paragraph of the page, and nothing says it is an excerpt: kept as a link, reported as failed.
    { title: '城市治理的一米', url: EXCERPT_URL, description: '这一段只是文章开头的摘要，不是全文：市域社会治理打通了最后一米，群众对治安环境感到放心。' },
    { title: '全文的记录', url: 'https://example.org/full', content: `<p>${'这是一篇完整的文章正文，共有多段文字。'.repeat(10)}</p><p>${'第二段也在这里，文字足够长。'.repeat(10)}</p>` }
  ]
  writeFileSync(join(dir, READLATER), JSON.stringify(records))
  return dir
}

/** Where the preview host keeps upload `id` until an import takes it (the host shares our temp folder). */
function uploadPath(id: string): string | null {
  for (const d of readdirSync(tmpdir()).filter((n) => n.startsWith('marginalia-preview-uploads-'))) {
    const path = join(tmpdir(), d, id)
    if (existsSync(path)) return path
  }
  return null
}

const LANGUAGES = [
  {
    id: 'zh-Hans',
    input: '导入文件',
    report: '导入报告',
    failed: /^失败（3）$/,
    missing: '无法读取：文件不存在，或已被移动、删除。',
    undecodable: '认不出文件的文字编码：既不是 UTF-8，也不是能识别的中文编码。',
    excerpt: `只有摘要，不是全文：${EXCERPT_URL}`
  },
  {
    id: 'en',
    input: 'Import files',
    report: 'Import report',
    failed: /^Failed \(3\)$/,
    missing: 'Cannot be read: the file does not exist, or was moved or deleted.',
    undecodable: 'The text encoding was not recognised: neither UTF-8 nor a Chinese encoding fits.',
    excerpt: `Only an excerpt, not the whole article: ${EXCERPT_URL}`
  }
] as const

for (const lang of LANGUAGES) {
  test(`${lang.id}: a vanished file, an undecodable file and an excerpt-only record, each named, in plain words`, async ({ app, page }) => {
    const dir = writeInputs()
    try {
      await page.setViewportSize({ width: 900, height: 700 })
      await expect(app.list).toBeVisible()
      await app.setLanguage(lang.id)

      // Which upload is which file: the host answers each POST /api/upload?name=… with its id.
      const uploadOf = new Map<string, string>()
      page.on('response', async (res) => {
        const url = new URL(res.url())
        if (!url.pathname.endsWith('/api/upload') || res.request().method() !== 'POST') return
        const answer = (await res.json()) as { ok: boolean; value?: { uploadId: string } }
        if (answer.ok && answer.value) uploadOf.set(url.searchParams.get('name') ?? '', answer.value.uploadId)
      })
      let vanished: string | null = null
      await page.route('**/api/upload/import', async (route) => {
        const id = uploadOf.get(MISSING)
        const path = id ? uploadPath(id) : null
        if (path) {
          rmSync(path)
          vanished = path
        }
        await route.continue()
      })

      await page.getByLabel(lang.input).setInputFiles([MISSING, UNDECODABLE, READLATER].map((n) => join(dir, n)))
      const report = page.getByRole('dialog', { name: lang.report })
      await expect(report).toBeVisible({ timeout: 30_000 })
      expect(vanished, 'the chosen file was deleted from the upload folder before the import').not.toBeNull()

      const headings = await report.locator('h3').allInnerTexts()
      console.log(`[import-failures] ${lang.id} sections: ${headings.join(' | ')}`)
      expect(headings[0]).toMatch(lang.failed)
      const failed = report.locator('section').filter({ has: page.locator('h3', { hasText: lang.failed }) })
      const rows = await failed.locator('li').allInnerTexts()
      console.log(`[import-failures] ${lang.id} failed rows:\n  ${rows.map((r) => r.replace(/\n/g, ' / ')).join('\n  ')}`)
      await expect(failed.locator('li')).toHaveCount(3)
      await expect(failed.locator('li', { hasText: MISSING })).toContainText(lang.missing)
      await expect(failed.locator('li', { hasText: UNDECODABLE })).toContainText(lang.undecodable)
      await expect(failed.locator('li', { hasText: `${READLATER}#1` })).toContainText(lang.excerpt)

      const text = await report.innerText()
      expect(text).not.toMatch(/\bE(NOENT|ACCES|PERM|ISDIR|BUSY|NOSPC|MFILE|LOOP|IO)\b|could not be stored for import \(|not valid UTF-8 or any|excerpt only:/)
      await report.evaluate((el) => el.scrollTo(0, 0))
      await page.screenshot({ path: shot(`import-failures-${lang.id}-900.png`) })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
}
