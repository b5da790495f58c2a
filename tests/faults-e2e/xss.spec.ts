// XSS corpus in the real UI: 570+ payloads written into HTML, Markdown, JSON and RSS files, imported with
// the CLI into a fresh library, served by the preview host, and every article opened in the reader by
// keyboard (j = next article). Nothing may run or leave: 0 dialogs, 0 console messages from payloads,
// 0 requests to anything but the preview host's origin, 0 javascript:/data: URLs left in any frame's DOM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Frame } from '@playwright/test'
import { markdownPayloads, xssPayloads, type Payload } from './xss-corpus'

const ROOT = resolve(__dirname, '../..')
const PER_ARTICLE = 10
const FILLER = '华龙区扎实推进市域社会治理现代化工作，通过激发基层自治活力，不断扩展共治同心圆，汇聚基层平安建设力量。'

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

/** Writes the corpus as files of four formats; returns the article titles in import order. */
function writeCorpus(dir: string): { titles: string[]; payloads: number } {
  const all = xssPayloads()
  const md = markdownPayloads(all.length + 1)
  const titles: string[] = []
  const byFormat: Record<'html' | 'json' | 'rss' | 'md', Payload[]> = { html: [], json: [], rss: [], md: [] }
  const formats = ['html', 'json', 'rss', 'md'] as const
  all.forEach((p, i) => byFormat[formats[i % 4] as (typeof formats)[number]].push(p))
  const body = (ps: Payload[]): string => ps.map((p) => `<p>${FILLER}（${p.id}）</p>\n${p.html}`).join('\n')
  chunk(byFormat.html, PER_ARTICLE).forEach((ps, k) => {
    const title = `XSS语料 网页 ${k + 1}`
    titles.push(title)
    writeFileSync(join(dir, `h-${k}.html`), `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${ps[0]?.html ?? ''}</head><body><article><h1>${title}</h1>${body(ps)}<p>${FILLER.repeat(3)}</p></article></body></html>`)
  })
  const jsonArticles = chunk(byFormat.json, PER_ARTICLE).map((ps, k) => {
    const title = `XSS语料 JSON ${k + 1}`
    titles.push(title)
    return { title, content_html: body(ps), url: `javascript:alert('json-url-${k}')`, source: '<img src=x onerror=alert(7)>' }
  })
  writeFileSync(join(dir, 'articles.json'), JSON.stringify(jsonArticles))
  const items = chunk(byFormat.rss, PER_ARTICLE).map((ps, k) => {
    const title = `XSS语料 RSS ${k + 1}`
    titles.push(title)
    const esc = body(ps).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    return `<item><title>${title}</title><link>javascript:alert(${k})</link><description>${esc}</description><content:encoded><![CDATA[${body(ps).replace(/]]>/g, ']]&gt;')}]]></content:encoded></item>`
  })
  writeFileSync(join(dir, 'feed.rss'), `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>XSS feed</title><link>https://evil.example/</link>${items.join('')}</channel></rss>`)
  chunk([...byFormat.md, ...md], PER_ARTICLE).forEach((ps, k) => {
    const title = `XSS语料 Markdown ${k + 1}`
    titles.push(title)
    writeFileSync(join(dir, `m-${k}.md`), `# ${title}\n\n${ps.map((p) => `${FILLER}（${p.id}）\n\n${p.html}\n`).join('\n')}\n${FILLER}\n`)
  })
  return { titles, payloads: all.length + md.length }
}

async function startHost(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'src/main/preview/index.ts', '--db', dbPath, '--port', '0', '--no-samples'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let output = ''
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`preview host did not start:\n${output}`)), 60_000)
    const onData = (c: Buffer): void => {
      output += c.toString()
      const m = /Marginalia preview ready at (http:\/\/127\.0\.0\.1:\d+\/\S*)\r?\n/.exec(output) // the URL carries the run's token
      if (m?.[1]) {
        clearTimeout(timer)
        ok(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => fail(new Error(`preview host exited with ${code}:\n${output}`)))
  })
  return { url, child }
}

/** URL-bearing attributes whose value starts with javascript: or data: (after the trimming browsers do). */
async function dangerousUrls(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const found: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (!/^(href|src|action|formaction|xlink:href|data|poster|srcset|background|ping|srcdoc)$/i.test(attr.name)) continue
        const v = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase()
        if (v.startsWith('javascript:') || v.startsWith('data:') || v.startsWith('vbscript:') || (attr.name === 'srcdoc' && /<script|onerror|onload/i.test(attr.value))) {
          found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 80)}">`)
        }
      }
    }
    return found
  })
}

test('XSS corpus: nothing runs, nothing leaves, no dangerous URL survives', async ({ page }) => {
  const t0 = Date.now()
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-xss-'))
  const corpusDir = join(dir, 'corpus')
  mkdirSync(corpusDir)
  const { titles, payloads } = writeCorpus(corpusDir)
  const dbPath = join(dir, 'library.sqlite')
  const imported = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'tsconfig.node.json', 'src/main/cli/index.ts', '--db', dbPath, 'import', '--json', corpusDir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, MARGINALIA_DB: '' }
  })
  const report = JSON.parse(imported.stdout) as { imported: { title: string }[]; failed: { file: string; reason: string }[] }
  expect(report.failed, 'every corpus file imports').toEqual([])
  const host = await startHost(dbPath)
  const origin = new URL(host.url).origin
  const dialogs: string[] = []
  const consoleHits: string[] = []
  const offOrigin: string[] = []
  let requests = 0
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  page.on('console', (m) => {
    if (/XSS-\d+|alert|evil\.example/i.test(m.text())) consoleHits.push(m.text())
  })
  page.on('request', (r) => {
    requests++
    if (new URL(r.url()).origin !== origin) offOrigin.push(r.url())
  })
  page.on('popup', (p) => offOrigin.push(`popup ${p.url()}`))
  const dangerous = new Set<string>()
  const opened = new Set<string>()
  try {
    await page.goto(host.url)
    const list = page.getByRole('listbox').first()
    await expect(list).toBeVisible()
    const heading = page.getByRole('article').getByRole('heading', { level: 1 })
    await list.getByRole('option').first().click()
    await expect(heading).toBeVisible()
    for (let i = 0; i < report.imported.length; i++) {
      const title = (await heading.innerText()).trim()
      opened.add(title)
      // Give anything that could fire (onerror, onload, timers, refresh) a moment in every frame.
      await page.waitForTimeout(60)
      for (const frame of page.frames()) for (const d of await dangerousUrls(frame)) dangerous.add(`${title}: ${d}`)
      if (i === report.imported.length - 1) break
      await page.locator('body').press('j')
      await expect(heading).not.toHaveText(title)
    }
  } finally {
    try {
      if (host.child.pid) process.kill(-host.child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(
    `faults: xss: ${payloads} payloads in ${titles.length} articles (HTML, JSON, RSS, Markdown), ${report.imported.length} imported, ${opened.size} opened in the reader by keyboard: ` +
      `${dialogs.length} dialogs, ${consoleHits.length} payload console messages, ${offOrigin.length} off-origin requests of ${requests}, ` +
      `${dangerous.size} javascript:/data: URLs in the DOM; ${((Date.now() - t0) / 1000).toFixed(1)} s`
  )
  expect(opened.size).toBe(titles.length)
  expect(dialogs).toEqual([])
  expect(consoleHits).toEqual([])
  expect(offOrigin).toEqual([])
  expect([...dangerous].slice(0, 20)).toEqual([])
})
