// Packaging hardening: the afterPack fuses hook and electron-builder.yml (RELIABILITY.md E-08).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = join(__dirname, '../../..')
const requireCjs = createRequire(__filename)
const hook = requireCjs(join(ROOT, 'build/fuses.cjs')) as {
  (context: unknown): Promise<void>
  FUSE_CONFIG: Record<string, boolean>
  fuseWire(platform: string): Record<string | number, unknown>
  electronBinary(context: unknown): string
}
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>

describe('fuses (build/fuses.cjs)', () => {
  it('sets every fuse the bar requires', () => {
    expect(hook.FUSE_CONFIG).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false
    })
    expect(Object.isFrozen(hook.FUSE_CONFIG)).toBe(true)
  })

  it.each(['linux', 'darwin', 'win32'])('flips them in the %s binary', (platform) => {
    const wire = hook.fuseWire(platform)
    expect(wire.version).toBe(FuseVersion.V1)
    expect(wire[FuseV1Options.RunAsNode]).toBe(false)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    // Embedded asar integrity exists on macOS and Windows; Electron has none on Linux.
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(platform !== 'linux')
    expect(wire.resetAdHocDarwinSignature).toBe(platform === 'darwin')
  })

  it('finds the binary electron-builder produced', () => {
    const context = (platform: string) => ({
      electronPlatformName: platform,
      appOutDir: '/out',
      packager: { appInfo: { productFilename: 'Marginalia' }, executableName: 'marginalia' }
    })
    expect(hook.electronBinary(context('darwin'))).toBe('/out/Marginalia.app')
    expect(hook.electronBinary(context('win32'))).toBe('/out/Marginalia.exe')
    expect(hook.electronBinary(context('linux'))).toBe('/out/marginalia')
  })
})

describe('electron-builder.yml', () => {
  it('packs into an asar, rebuilds better-sqlite3 for Electron and runs the fuses hook', () => {
    expect(builder.asar).toBe(true)
    expect(builder.npmRebuild).toBe(true)
    expect(builder.afterPack).toBe('./build/fuses.cjs')
    expect(builder.asarUnpack).toEqual(expect.arrayContaining([expect.stringContaining('better-sqlite3')]))
    expect(builder.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']))
  })

  it('ships the samples at resources/samples outside the asar', () => {
    expect(builder.extraResources).toEqual([expect.objectContaining({ from: 'resources/samples', to: 'resources/samples' })])
  })

  it('targets AppImage + deb, dmg and nsis', () => {
    expect(builder.linux.target).toEqual(['AppImage', 'deb'])
    expect(builder.mac.target).toEqual(['dmg'])
    expect(builder.win.target).toEqual(['nsis'])
  })
})
