// Minimal typings for the opencc-js per-dictionary modules we import directly.
// opencc-js ships types for its entry points only; each dict module default-exports "key value|key value|…".
declare module 'opencc-js/dict/*' {
  const dict: string
  export default dict
}
