// Builds the CLI bundle the fault tests spawn (the same build as `npm run build:cli`, into a private folder
// so it never races a developer's out/cli). Bundled, a CLI process starts in ~0.3 s instead of ~1.5 s
// under tsx, which is what lets the kill tests afford dozens of processes.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { FAULT_CLI_DIR, ROOT } from './helpers'

export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    [`${ROOT}/node_modules/vite/bin/vite.js`, 'build', '--config', 'vite.cli.config.ts', '--outDir', FAULT_CLI_DIR, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } }
  )
  if (result.status !== 0 || !existsSync(`${FAULT_CLI_DIR}/index.js`)) {
    throw new Error(`building the CLI for the fault suite failed:\n${result.stdout}\n${result.stderr}`)
  }
}
