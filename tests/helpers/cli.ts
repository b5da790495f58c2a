// Runs the CLI: in-process through runCli (fast, same code) or as a real child process (exit codes, stdio).
// The child is `node --import tsx`: one process, so a signal sent to it reaches the import itself (the tsx
// CLI would run the script in a grandchild that outlives a SIGKILL).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../../src/main/cli/run'

export const ROOT = join(__dirname, '..', '..')

export async function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdin: () => Promise.resolve(stdin)
  })
  return { code, stdout, stderr }
}

export function cliProcess(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, MARGINALIA_DB: '' } }
  )
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
