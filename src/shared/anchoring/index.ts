// Public entry of the anchoring layer (pure TS): W3C selectors for a range, and finding a range again in
// a text that may have changed. Main re-anchors when listing; the renderer may describe ranges itself.
export { anchor, AnchorTarget, describeRange, CONTEXT_LENGTH, MAX_ERROR_RATE, type AnchorOptions, type AnchorSelectors } from './anchor'
export { approxSearch, editDistance, type ApproxMatch } from './approx'
export { normalizeText, toNormalized, toSource, type NormalizedText, type NormalizeOptions } from './normalize'
export * from './types'
