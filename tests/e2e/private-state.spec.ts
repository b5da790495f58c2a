// One editor on two machines (issue 15): two preview hosts on two libraries joined to the group with the same
// member's token. The reading theme chosen in one window follows to the other after the background sync, in
// an open window (no reload, no Sync now); a colleague's window keeps its own.
import { expect, startHost, stopHost, test } from './fixtures'
import { MarginaliaPage } from './pages/MarginaliaPage'
import { connect, useTeamArchive } from './team-archive'

test.use({ actionTimeout: 15_000 })

const team = useTeamArchive([['li', 'editor'], ['wang', 'editor']])
const { tokens } = team

test("a member's theme follows them to their other machine, and not to a colleague's", async ({ app, page, browser }) => {
  test.setTimeout(150_000)
  const hosts = [await startHost('zh-CN'), await startHost('zh-CN')]
  const contexts = [await browser.newContext({ locale: 'zh-CN' }), await browser.newContext({ locale: 'zh-CN' })]
  try {
    const [other, colleague] = await Promise.all(
      contexts.map(async (c, i) => {
        const p = await c.newPage()
        const a = new MarginaliaPage(p, hosts[i]!.url)
        await a.open()
        return a
      })
    )
    await connect(page, team, tokens.li!)
    await connect(other!.page, team, tokens.li!)
    await connect(colleague!.page, team, tokens.wang!)
    await app.openArticle(/華龍區|华龙区/)
    await other!.openArticle(/華龍區|华龙区/)
    expect(await other!.theme()).not.toBe('dark')

    const chosen = Date.now()
    await app.button(/深色/).click()
    await expect.poll(() => app.theme()).toBe('dark')
    await expect.poll(() => other!.theme(), { timeout: 20_000 }).toBe('dark')
    const followed = Date.now() - chosen
    await expect(other!.button(/深色/)).toHaveAttribute('aria-pressed', 'true')
    // The colleague's window had every chance to pull it: a round of theirs after li's change.
    await colleague!.page.getByRole('button', { name: '立即同步' }).click()
    await expect(colleague!.page.getByRole('region', { name: '团队资料库' }).getByRole('status')).toHaveText('已同步', { timeout: 20_000 })
    expect(await colleague!.theme()).not.toBe('dark')
    console.log(`li's dark theme reached li's other window ${followed} ms after the click; wang's stayed ${await colleague!.theme()}`)
  } finally {
    await Promise.all(contexts.map((c) => c.close()))
    await Promise.all(hosts.map((h) => stopHost(h)))
  }
})
