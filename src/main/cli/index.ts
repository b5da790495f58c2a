// `marginalia` / `npm run cli -- [--db FILE] COMMAND`: the same services as the app, for scripting and
// tests. Exit codes: 0 success, 1 some inputs failed (the rest done), 2 usage error (one line on stderr).
import { terminalSafe } from './io'
import { runCli } from './run'

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => readStdin()
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`marginalia: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`)
    process.exitCode = 1
  }
)

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
