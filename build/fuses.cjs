// electron-builder afterPack hook: flips Electron fuses in the packaged binary before it is signed
// (RELIABILITY.md §0.2 / E-08; the same set Signal Desktop sets in scripts/fuse-electron.mjs).
// Verify a build with: npx @electron/fuses read --app <packaged binary>
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook as CommonJS */
const path = require('node:path')
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses')

/** The fuse settings, by name. tests/main/packaging reads this object. */
const FUSE_CONFIG = Object.freeze({
  // ELECTRON_RUN_AS_NODE=1 must not turn the app into a general-purpose Node.
  RunAsNode: false,
  EnableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone inject code into the signed app.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // app.asar is verified against the hash embedded at build time (Electron supports this on macOS and
  // Windows; on Linux the fuse has no effect, see asarIntegrityFor below).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Never load an unpacked app folder beside the binary instead of app.asar.
  OnlyLoadAppFromAsar: true,
  // We serve the UI from app://, so file:// needs no extra privileges.
  GrantFileProtocolExtraPrivileges: false
})

/** Embedded asar integrity exists on macOS and Windows only (Electron docs: asar-integrity). */
function asarIntegrityFor(platform) {
  return platform === 'darwin' || platform === 'mas' || platform === 'win32'
}

/** The @electron/fuses config for one target platform. */
function fuseWire(platform) {
  return {
    version: FuseVersion.V1,
    // An arm64 macOS binary must carry a valid (ad hoc) signature after its bytes change.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: FUSE_CONFIG.RunAsNode,
    [FuseV1Options.EnableCookieEncryption]: FUSE_CONFIG.EnableCookieEncryption,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FUSE_CONFIG.EnableNodeOptionsEnvironmentVariable,
    [FuseV1Options.EnableNodeCliInspectArguments]: FUSE_CONFIG.EnableNodeCliInspectArguments,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FUSE_CONFIG.EnableEmbeddedAsarIntegrityValidation && asarIntegrityFor(platform),
    [FuseV1Options.OnlyLoadAppFromAsar]: FUSE_CONFIG.OnlyLoadAppFromAsar,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: FUSE_CONFIG.GrantFileProtocolExtraPrivileges
  }
}

/** Where the Electron binary sits inside electron-builder's appOutDir. */
function electronBinary(context) {
  const platform = context.electronPlatformName
  const name = context.packager.appInfo.productFilename
  if (platform === 'darwin' || platform === 'mas') return path.join(context.appOutDir, `${name}.app`)
  if (platform === 'win32') return path.join(context.appOutDir, `${name}.exe`)
  return path.join(context.appOutDir, context.packager.executableName)
}

async function afterPack(context) {
  const platform = context.electronPlatformName
  await flipFuses(electronBinary(context), fuseWire(platform))
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSE_CONFIG = FUSE_CONFIG
module.exports.fuseWire = fuseWire
module.exports.electronBinary = electronBinary
