// Builds ScriptConverters: loads the dictionaries a (source, target) pair needs, compiles them into
// tries once, and caches both the tries (shared between pairs) and the converters.
import type { OffsetMap, ScriptConverter, ScriptId, SourceScript, TargetScript } from './types'
import { SOURCE_SCRIPTS } from './types'
import { type DictGroup, type DictName, loadDictSource, parseDict, pipelineFor } from './dicts'
import { buildTrie, mergeGroup, type Trie } from './trie'
import { type CompiledPipeline, runPipeline } from './engine'
import { identityOffsetMap, offsetMapFromAlignment } from './offset-map'
import { detectScript } from './detect'

const parsedCache = new Map<DictName, Promise<Array<[string, string]>>>()
function loadParsed(name: DictName): Promise<Array<[string, string]>> {
  let p = parsedCache.get(name)
  if (!p) {
    p = loadDictSource(name).then((src) => parseDict(name, src))
    parsedCache.set(name, p)
  }
  return p
}

// Tries are keyed by their dictionary list: s2tw and s2hk share the ST trie, tw2s and hk2s the TS one.
const trieCache = new Map<string, Promise<Trie>>()
function loadTrie(group: DictGroup): Promise<Trie> {
  const key = group.join('+')
  let p = trieCache.get(key)
  if (!p) {
    p = Promise.all(group.map(loadParsed)).then((dicts) => buildTrie(mergeGroup(dicts)))
    trieCache.set(key, p)
  }
  return p
}

class IdentityConverter implements ScriptConverter {
  constructor(
    readonly from: SourceScript | 'auto',
    readonly to: ScriptId
  ) {}
  convert(text: string): string {
    return text
  }
  convertWithMap(text: string): { text: string; map: OffsetMap } {
    return { text, map: identityOffsetMap(text.length) }
  }
}

class PipelineConverter implements ScriptConverter {
  constructor(
    readonly from: SourceScript,
    readonly to: ScriptId,
    private readonly pipeline: CompiledPipeline
  ) {}
  convert(text: string): string {
    if (text.length === 0) return text
    return runPipeline(this.pipeline, text, false).text
  }
  convertWithMap(text: string): { text: string; map: OffsetMap } {
    const r = runPipeline(this.pipeline, text, true)
    const map = r.align ? offsetMapFromAlignment(r.align) : identityOffsetMap(text.length)
    return { text: r.text, map }
  }
}

/** Detects each text's script and delegates to the converter for that source. */
class AutoConverter implements ScriptConverter {
  readonly from = 'auto' as const
  constructor(
    readonly to: ScriptId,
    private readonly bySource: ReadonlyMap<SourceScript, ScriptConverter>
  ) {}
  private pick(text: string): ScriptConverter {
    return this.bySource.get(detectScript(text)) as ScriptConverter
  }
  convert(text: string): string {
    return this.pick(text).convert(text)
  }
  convertWithMap(text: string): { text: string; map: OffsetMap } {
    return this.pick(text).convertWithMap(text)
  }
}

async function createFixed(to: ScriptId, from: SourceScript): Promise<ScriptConverter> {
  if (to === 'original') return new IdentityConverter(from, to)
  const p = pipelineFor(from, to as TargetScript)
  if (!p) return new IdentityConverter(from, to)
  const [normalize, segmentation, chain] = await Promise.all([
    Promise.all(p.normalize.map(loadTrie)),
    p.segmentation ? loadTrie(p.segmentation) : Promise.resolve(null),
    Promise.all(p.chain.map(loadTrie))
  ])
  return new PipelineConverter(from, to, { normalize, segmentation, chain })
}

const converterCache = new Map<string, Promise<ScriptConverter>>()

/**
 * A converter from `from` (default 'auto': detect per text) into `to`. Dictionaries are imported
 * lazily on first use and compiled once; converters are cached per (from, to). 'original' and
 * same-script pairs are the identity. With 'auto', converters for every source are prepared up front
 * so `convert` can stay synchronous.
 */
export function loadConverter(to: ScriptId, from: SourceScript | 'auto' = 'auto'): Promise<ScriptConverter> {
  const key = `${from}>${to}`
  let p = converterCache.get(key)
  if (!p) {
    if (from === 'auto') {
      p =
        to === 'original'
          ? Promise.resolve(new IdentityConverter('auto', to))
          : Promise.all(SOURCE_SCRIPTS.map((s) => loadConverter(to, s))).then(
              (list) => new AutoConverter(to, new Map(SOURCE_SCRIPTS.map((s, i) => [s, list[i] as ScriptConverter])))
            )
    } else {
      p = createFixed(to, from)
    }
    // A failed load (e.g. a missing chunk) must not poison the cache forever.
    p.catch(() => converterCache.delete(key))
    converterCache.set(key, p)
  }
  return p
}
