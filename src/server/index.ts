// `npm run server -- --pg URL [--host H] [--port N]` runs the group archive server;
// `npm run server -- admin --pg URL ...` administers it. Exit codes: 0 ok, 1 failure, 2 usage.
import { ADMIN_USAGE, UsageError, runAdmin } from './admin'
import { startServer } from './app'

const USAGE = `usage: server --pg postgres://USER@HOST/DB [--host 127.0.0.1] [--port N]\n${ADMIN_USAGE}`

function take(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const value = args[i + 1]
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`)
  args.splice(i, 2)
  return value
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv]
  const admin = args[0] === 'admin'
  if (admin) args.shift()
  const pg = take(args, '--pg') ?? process.env.MARGINALIA_PG
  if (!pg) throw new UsageError('--pg postgres://... is required')
  if (admin) return runAdmin(pg, args, (line) => console.log(line))
  const host = take(args, '--host') ?? '127.0.0.1'
  const portText = take(args, '--port') ?? '8470'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${portText} is not a port number`)
  if (args.length > 0) throw new UsageError(`unexpected ${args.join(' ')}`)
  const server = await startServer({ pg, host, port })
  console.log(`Marginalia archive server ready at ${server.url}`)
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`)
    process.exit(2)
  }
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
