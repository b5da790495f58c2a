// The proofreading engine on real copy: the hualong article (a Simplified original put through a broken
// character-by-character converter), passages made from it, and sentences with one-to-many errors.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import * as OpenCC from 'opencc-js'
import { applyFindings, FINDING_KINDS, type Finding, type FindingKind, loadProofreader, proofreadSync, type Standard } from '@shared/proofread'
import { generateArticles } from '../../../bench/lib'

const HUALONG = readFileSync(resolve(__dirname, '../../fixtures/import/hualong-article.txt'), 'utf8')
const STANDARDS: Standard[] = ['cn', 't', 'tw', 'hk', 'jp']

beforeAll(async () => {
  await loadProofreader()
}, 60_000)

const of = (text: string, standard: Standard, kind: FindingKind): Finding[] => proofreadSync(text, { standard, kinds: [kind] })
const brief = (fs: Finding[]): string[] => fs.map((f) => `${f.start}:${f.text}→${f.suggestion}`)

describe('the hualong article as Taiwan copy', () => {
  it('finds every half-width comma, semicolon and colon in the Chinese text', () => {
    const found = of(HUALONG, 'tw', 'punctuation').filter((f) => f.code === 'punctuation.half-width')
    const expected: number[] = []
    for (let i = 0; i < HUALONG.length; i++) if (',;:!'.includes(HUALONG[i] as string)) expected.push(i)
    expect(expected.length).toBeGreaterThanOrEqual(80)
    expect(found.map((f) => f.start)).toEqual(expected)
    for (const f of found) expect(f.suggestion).toBe({ ',': '，', ';': '；', ':': '：', '!': '！' }[f.text])
    // 96.4%, 84.52% and XBB.1.16 keep their points.
    const fixed = applyFindings(HUALONG, found)
    expect(fixed).not.toMatch(/[,;:!]/)
    expect(fixed).toContain('96.4%，')
  })

  it('finds no mixed script: the broken tool converted every character it knew', () => {
    expect(of(HUALONG, 'tw', 'mixed-script')).toEqual([])
  })

  // The fixture is not clean Traditional: the broken tool converted character by character, without
  // OpenCC's phrase tables, so every one-to-many character took its default or stayed Simplified. These
  // are exactly the words it got wrong (防火墻 is not among them: 墻 is a variant of 牆 that s2t never
  // writes, so it is not a one-to-many mis-conversion) (扎實 for 紮實, 公安干警 for 公安幹警, 每周 for 每週, and 了解, which OpenCC's s2tw writes 瞭解).
  it('finds exactly the one-to-many characters the broken tool got wrong', () => {
    const found = of(HUALONG, 'tw', 'conversion').map((f) => `${HUALONG.slice(f.start - 1, f.end + 1)}→${f.suggestion}`)
    expect(found).toEqual([
      ')扎實→紮', '悠閑地→閒', '臨后,→後', '最后一→後', '防范化→範', '防范化→範', '每周四→週', '防范化→範',
      '0余名→餘', '安干警→幹', '每周五→週', '了干群→幹', '關系,→係', '萬余戶→餘', '0余件→餘', '老干部→幹',
      '志愿服→願', '人干”→幹', '每周召→週', '、了解→瞭', ',筑牢→築', '防范化→範', '幕后“→後', '標簽:→籤',
      ')扎實→紮', '年干\n→幹', '待游\n→遊', '關于額→於', '貨周四→週'
    ])
  })
})

describe('mixed-script', () => {
  it('finds Simplified characters put into a Traditional passage, exactly', () => {
    const clean = '近日，走進華龍區轄區，公園內孩童歡樂地嬉笑玩耍，老人悠閒地下棋打牌。'
    const mixed = clean.replace('進', '进').replace('園', '园').replace('樂', '乐')
    expect(brief(of(clean, 'tw', 'mixed-script'))).toEqual([])
    expect(brief(of(mixed, 'tw', 'mixed-script'))).toEqual([
      `${mixed.indexOf('进')}:进→進`,
      `${mixed.indexOf('园')}:园→園`,
      `${mixed.indexOf('乐')}:乐→樂`
    ])
  })

  it('makes neighbouring Simplified characters one finding, converted with their phrase', () => {
    const text = '他的头发很長。'
    expect(brief(of(text, 'tw', 'mixed-script'))).toEqual(['2:头发→頭髮'])
  })

  it('finds Traditional characters in Simplified copy', () => {
    const text = '华龙区扎实推进市域社會治理，该區域被表彰。'
    expect(brief(of(text, 'cn', 'mixed-script'))).toEqual([`${text.indexOf('會')}:會→会`, `${text.indexOf('區')}:區→区`])
  })
})

describe('conversion', () => {
  // Each wrong form inside a sentence, and the form OpenCC's phrases give.
  const WRONG: Array<[string, string, string]> = [
    ['不斷髮酵', '髮', '發'],
    ['他剪了頭發', '發', '髮'],
    ['三天以后再說', '后', '後'],
    ['公司乾部', '乾', '幹'],
    ['早餐吃面包', '面', '麵'],
    ['准備出發', '准', '準'],
    ['制造汽車', '制', '製'],
    ['古董鍾錶', '鍾', '鐘'],
    ['肌肉松弛', '松', '鬆'],
    ['影響范圍很廣', '范', '範'],
    ['發生沖突', '沖', '衝'],
    ['勇敢斗爭', '斗', '鬥'],
    ['養了一只貓', '只', '隻'],
    ['強烈台風來襲', '台', '颱'],
    ['書桌上的台燈', '台', '檯'],
    ['老人悠閑地下棋', '閑', '閒']
  ]
  for (const [sentence, wrong, right] of WRONG) {
    it(`finds ${wrong} in ${sentence}`, () => {
      const text = `記者報道，${sentence}。`
      expect(brief(of(text, 'tw', 'conversion'))).toEqual([`${text.indexOf(wrong)}:${wrong}→${right}`])
    })
  }

  it('does not flag the correct forms', () => {
    const correct = [
      '頭髮', '發展', '以後', '皇后', '乾淨', '幹部', '干擾', '麵包', '表面', '準備', '批准', '製造', '制度', '瞭解',
      '鐘錶', '鍾愛', '鬆弛', '松樹', '範圍', '衝突', '沖洗', '戰鬥', '北斗', '一隻', '只有', '臺灣', '台灣', '颱風', '檯燈'
    ]
    // Each word on its own between punctuation: inside running text OpenCC's longest match can read 說起了解
    // as 說起 + 了 and then disagree with 瞭解, which is OpenCC's segmentation, not the word.
    for (const w of correct) expect(brief(of(`報道：${w}。`, 'tw', 'conversion')), w).toEqual([])
    // OpenCC writes the surname 范 as 範 (姓範): a phrase table gap, reported rather than hidden.
    expect(brief(of('他姓范。', 'tw', 'conversion'))).toEqual(['2:范→範'])
  })

  it('decides 了解 per OpenCC: s2tw writes 瞭解, so 了解 in Taiwan copy is flagged', () => {
    expect(OpenCC.Converter({ from: 'cn', to: 'tw' })('了解')).toBe('瞭解')
    expect(brief(of('我們了解情況。', 'tw', 'conversion'))).toEqual(['2:了→瞭'])
  })

  it('reports nothing for Simplified or Japanese copy', () => {
    expect(of('他剪了头发。', 'cn', 'conversion')).toEqual([])
    expect(of('髪を切った。', 'jp', 'conversion')).toEqual([])
  })
})

describe('variant', () => {
  it('finds forms of another region', () => {
    expect(brief(of('地鐵綫路。', 'tw', 'variant'))).toEqual(['2:綫→線'])
    expect(brief(of('這裡很好。', 't', 'variant'))).toEqual(['1:裡→裏'])
    expect(brief(of('這裏很好。', 'tw', 'variant'))).toEqual(['1:裏→裡'])
    expect(brief(of('中國の経済。', 'jp', 'variant'))).toEqual(['1:國→国'])
    expect(of('地鐵線路，這裡很好。', 'tw', 'variant')).toEqual([])
  })
})

describe('punctuation and spacing', () => {
  it('uses the region’s quotes', () => {
    expect(brief(of('打通“最後一米”。', 'tw', 'punctuation'))).toEqual(['2:“→「', '7:”→」'])
    expect(brief(of('他說「好」。', 'cn', 'punctuation'))).toEqual(['2:「→“', '4:」→”'])
    expect(brief(of('他說“外‘內’外”。', 'hk', 'punctuation'))).toEqual(['2:“→「', '4:‘→『', '6:’→』', '8:”→」'])
    expect(brief(of('他說"好"。', 'tw', 'punctuation'))).toEqual(['2:"→「', '4:"→」'])
    expect(of("It’s “fine”.", 'tw', 'punctuation')).toEqual([])
  })

  it('finds half-width marks, parentheses, ellipses and dashes', () => {
    expect(brief(of('近日, 走進華龍區!', 'tw', 'punctuation'))).toEqual(['2:, →，', '9:!→！'])
    expect(brief(of('先進縣(區)表彰', 'tw', 'punctuation'))).toEqual(['3:(→（', '5:)→）'])
    expect(brief(of('吃宵夜...平靜', 'tw', 'punctuation'))).toEqual(['3:...→……'])
    expect(brief(of('吃宵夜……平靜⋯⋯安逸', 'tw', 'punctuation'))).toEqual([])
    expect(brief(of('他說--不行', 'tw', 'punctuation'))).toEqual(['2:--→——'])
    expect(of('1,000 people (WHO) said: ok... well-known', 'tw', 'punctuation')).toEqual([])
  })

  it('puts spaces between CJK and Latin or digits, and none around full-width marks', () => {
    expect(brief(of('多國發現新毒株XBB.1.16，2022年', 'tw', 'spacing'))).toEqual(['7:XBB.1.16→ XBB.1.16', '16:2022→2022 '])
    expect(brief(of('該區 ，表彰「 好 」', 'tw', 'spacing'))).toEqual(['2: →', '7: →', '9: →'])
    expect(of('全媒體記者 張洪中，在 2022 年', 'tw', 'spacing')).toEqual([])
  })
})

describe('properties', () => {
  const s2tw = OpenCC.Converter({ from: 'cn', to: 'tw' })
  const texts = [HUALONG, ...generateArticles(3, 7).map((a) => s2tw(a.content) + '（記者,2022年"報道"...）')]

  it('returns findings sorted by start, matching the text, never overlapping within a kind', () => {
    for (const standard of STANDARDS) {
      for (const text of texts) {
        const all = proofreadSync(text, { standard })
        for (let k = 1; k < all.length; k++) expect((all[k] as Finding).start).toBeGreaterThanOrEqual((all[k - 1] as Finding).start)
        for (const kind of FINDING_KINDS) {
          let end = -1
          for (const f of all.filter((x) => x.kind === kind)) {
            expect(text.slice(f.start, f.end)).toBe(f.text)
            expect(f.start).toBeGreaterThanOrEqual(end)
            end = f.end
          }
        }
      }
    }
  })

  it('accepting every finding of a kind leaves none of that kind', () => {
    for (const standard of STANDARDS) {
      for (const text of texts) {
        for (const kind of FINDING_KINDS) {
          const fixed = applyFindings(text, of(text, standard, kind))
          expect(brief(of(fixed, standard, kind)), `${standard} ${kind}`).toEqual([])
        }
      }
    }
  })

  it('applyFindings skips a finding whose text no longer matches', () => {
    const [f] = of('近日,走進', 'tw', 'punctuation')
    expect(applyFindings('近日;走進', [f as Finding])).toBe('近日;走進')
  })
})

describe('Taiwan copy with Taiwan vocabulary (source script twp)', () => {
  it('is proofread to the Taiwan standard, with vocabulary never a finding', () => {
    const text = '這套軟體的品質很好,計程車司機也在用頭发'
    const asTw = proofreadSync(text, { standard: 'tw' })
    expect(proofreadSync(text, { standard: 'twp' })).toEqual(asTw)
    expect(asTw.some((f) => f.text === '軟體' || f.text === '計程車')).toBe(false)
    expect(asTw.some((f) => f.kind === 'mixed-script' && f.text.includes('发'))).toBe(true)
  })
})
