#!/usr/bin/env node
// Keeps better-sqlite3 usable in both worlds without rebuilding back and forth:
// - `node`: checks the package's own build loads in this Node (tests, CLI, preview host), rebuilding it if not.
// - `electron`: builds a second copy for the installed Electron's ABI into .native/electron-<version>/,
//   which src/main/native.ts hands to better-sqlite3 as `nativeBinding`. It is a no-op when that copy exists
//   or when the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, e.g. CI).
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const target = process.argv[2]
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'))

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' })
}

if (target === 'node') {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    console.log('better-sqlite3: Node build OK')
  } catch (error) {
    console.log(`better-sqlite3: rebuilding for Node ${process.version} (${error.message.split('\n')[0]})`)
    run('npm', ['rebuild', 'better-sqlite3'], root)
  }
} else if (target === 'electron') {
  let electronVersion
  let electronBinaryPresent = false
  try {
    electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
    const electronDir = dirname(require.resolve('electron/package.json'))
    electronBinaryPresent = existsSync(join(electronDir, 'path.txt'))
  } catch {
    electronVersion = undefined
  }
  if (!electronVersion || !electronBinaryPresent) {
    console.log('better-sqlite3: Electron is not installed here; skipping the Electron build')
    process.exit(0)
  }
  const outDir = join(root, '.native', `electron-${electronVersion}`)
  const outFile = join(outDir, 'better_sqlite3.node')
  if (existsSync(outFile)) {
    console.log(`better-sqlite3: Electron ${electronVersion} build present (${outFile})`)
    process.exit(0)
  }
  // Build in a scratch copy of the package so the Node build in node_modules is never touched.
  const scratch = mkdtempSync(join(tmpdir(), 'marginalia-native-'))
  try {
    const copy = join(scratch, 'better-sqlite3')
    cpSync(pkgDir, copy, { recursive: true, filter: (src) => !src.includes(`${join(pkgDir, 'build')}`) })
    console.log(`better-sqlite3: building for Electron ${electronVersion} (one-time)…`)
    const env = { ...process.env }
    try {
      // Prefer the published prebuilt binary for this Electron; fall back to compiling.
      execFileSync(
        process.execPath,
        [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
        { cwd: copy, stdio: 'inherit', env }
      )
    } catch {
      execFileSync(
        process.execPath,
        [
          require.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
          '--runtime=electron'
        ],
        { cwd: copy, stdio: 'inherit', env }
      )
    }
    mkdirSync(outDir, { recursive: true })
    copyFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), outFile)
    console.log(`better-sqlite3: Electron build written to ${outFile}`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
} else {
  console.error('usage: native-module.mjs node|electron')
  process.exit(2)
}
