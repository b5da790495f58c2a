import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { APP_CSP } from '../../../src/main/security/csp'
import { checkExternalUrl, safeOpenExternal } from '../../../src/main/security/open-external'
import { resolveAppUrl, serveAppRequest } from '../../../src/main/security/protocol'

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'marginalia-proto-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'secret.txt'), 'secret')

  it('serves files under the renderer folder with the CSP header', async () => {
    const res = serveAppRequest('app://reader/index.html', root)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(await res.text()).toBe('<!doctype html>')
    expect(serveAppRequest('app://reader/', root).status).toBe(200)
    expect(serveAppRequest('app://reader/assets/app.js', root).headers.get('content-type')).toContain('javascript')
  })

  it('refuses traversal, encoded traversal, backslashes, NUL, other hosts and schemes', () => {
    for (const url of [
      'app://reader/../secret.txt',
      'app://reader/%2e%2e/secret.txt',
      'app://reader/%2e%2e%2fsecret.txt',
      'app://reader/assets/..%5c..%5csecret.txt',
      'app://reader/%00index.html',
      'app://reader/%E0%A4%A',
      'app://evil/index.html',
      'file:///etc/passwd',
      '\\\\server\\share\\x'
    ]) {
      const file = resolveAppUrl(url, root)
      if (file !== null) expect(file.startsWith(root)).toBe(true)
      expect([400, 404]).toContain(serveAppRequest(url, root).status)
    }
  })

  it('has a CSP without unsafe-eval or remote origins', () => {
    expect(APP_CSP).toContain("default-src 'none'")
    expect(APP_CSP).toContain("script-src 'self'")
    expect(APP_CSP).not.toMatch(/unsafe-eval|https?:|\*/)
  })

  it('allows no frames at all (the reader has none)', () => {
    const directives = APP_CSP.split('; ')
    console.log(`CSP frame directives: ${directives.filter((d) => d.startsWith('frame-')).join(' | ')}`)
    expect(directives).toContain("frame-src 'none'")
    expect(APP_CSP).not.toContain("frame-src 'self'")
  })
})

describe('safeOpenExternal', () => {
  const hostile = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://server/share',
    'smb://host/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox(1)',
    'chrome://settings',
    'about:blank',
    'app://reader/index.html',
    'http://user:pass@example.com/',
    'https://',
    'http://',
    'ftp://example.com/',
    'ssh://example.com',
    'steam://run/1',
    'search-ms:query=x',
    '//example.com',
    'example.com',
    '',
    'blob:https://example.com/uuid',
    'ws://example.com',
    'wss://example.com',
    'view-source:https://example.com',
    'tel:123',
    'sms:123',
    'intent://x#Intent;end',
    'jar:file:///x!/y',
    'mailto:?attach=/etc/passwd',
    'mailto:editor@example.com?attach=~/.ssh/id_rsa',
    'mailto:editor@example.com?subject=hi&ATTACHMENT=/etc/shadow',
    'mailto:editor@example.com?%61ttach=/etc/passwd',
    'mailto:editor@example.com%3Fattach=/etc/passwd',
    'mailto:editor@example.com?to=other@example.com',
    'mailto:editor@example.com#?attach=/etc/passwd'
  ]

  it.each(hostile)('refuses %j without asking', async (url) => {
    const deps = { confirm: vi.fn(async () => true), open: vi.fn(async () => undefined) }
    expect(await safeOpenExternal(url, deps)).toBe(false)
    expect(deps.confirm).not.toHaveBeenCalled()
    expect(deps.open).not.toHaveBeenCalled()
  })

  it('opens http, https and mailto only after the user confirms', async () => {
    expect(checkExternalUrl('https://news.example.cn/a?b=1')).toBe('https://news.example.cn/a?b=1')
    expect(checkExternalUrl('mailto:editor@example.com')).toBe('mailto:editor@example.com')
    const fields = 'mailto:editor@example.com?subject=%E7%A8%BF%E4%BB%B6&body=hi&cc=a@example.com&BCC=b@example.com'
    expect(checkExternalUrl(fields)).toBe(fields)
    const no = { confirm: vi.fn(async () => false), open: vi.fn(async () => undefined) }
    expect(await safeOpenExternal('https://example.com', no)).toBe(false)
    expect(no.open).not.toHaveBeenCalled()
    const yes = { confirm: vi.fn(async () => true), open: vi.fn(async () => undefined) }
    expect(await safeOpenExternal('http://example.com/x', yes)).toBe(true)
    expect(yes.open).toHaveBeenCalledWith('http://example.com/x')
  })
})
