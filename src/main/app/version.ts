// The app version, read from package.json at build time so every host reports the same one.
import pkg from '../../../package.json'

export const APP_VERSION: string = pkg.version
