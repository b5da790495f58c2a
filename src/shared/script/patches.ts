// Explicit additions to opencc-js's bundled dictionaries where they lag upstream OpenCC's test cases
// (BYVoid/OpenCC test/testcases/testcases.json, see tests/fixtures/opencc/PROVENANCE.md).
// Each entry names the upstream case it fixes. They are dictionary entries, applied wherever the
// dictionary is used, never rules about particular inputs.
import type { DictName } from './dicts'

export interface DictPatch {
  /** Dictionary key (the text matched). */
  readonly from: string
  /** Replacement, or null to delete the key from the dictionary. */
  readonly to: string | null
  /** Upstream test case id this entry makes pass. */
  readonly upstreamCase: string
}

export const DICT_PATCHES: Partial<Record<DictName, readonly DictPatch[]>> = {
  // opencc-js deliberately leaves out upstream's TSCharactersExt (mappings to CJK Extension B+
  // characters that many fonts lack, "tofu risk"). Upstream t2s expects these three. Note that each
  // turns one UTF-16 unit into a surrogate pair, so the view is longer than the stored text here.
  TSCharacters: [
    // 殢 → 𣨼 (U+23A3C)
    { from: '殢', to: '𣨼', upstreamCase: 'BYVoid_OpenCC_PR_1228_existing_behaviors' },
    // 圞 → 𪢮 (U+2A8AE)
    { from: '圞', to: '𪢮', upstreamCase: 'BYVoid_OpenCC_PR_1229_existing_behaviors' },
    // 樠 → 𣗊 (U+235CA)
    { from: '樠', to: '𣗊', upstreamCase: 'BYVoid_OpenCC_PR_464_xi_vs_xi' }
  ]
}
