// detectScript: source-script detection at import time.
import { describe, expect, it } from 'vitest'
import { detectScript } from '@shared/script/index'
import { bareOpenCC, corpusArticles, hualong } from './helpers'

describe('detectScript', () => {
  it('detects the machine-converted Traditional hualong article as OpenCC Traditional (t)', () => {
    expect(detectScript(hualong())).toBe('t')
  })

  it('detects corpus articles as Simplified', () => {
    const { articles } = corpusArticles()
    const sample = articles.slice(0, 200)
    const wrong = sample.filter((a) => detectScript(a) !== 'cn')
    expect(wrong).toEqual([])
  })

  it('detects opencc-js Traditional renderings of Simplified articles as Traditional', () => {
    const { articles } = corpusArticles()
    const toT = bareOpenCC('cn', 't')
    for (const a of articles.slice(0, 30)) expect(['t', 'tw', 'hk']).toContain(detectScript(toT(a)))
  })

  it('recognises Taiwan and Hong Kong forms only when present', () => {
    expect(detectScript('這裡的牛肉麵很好吃，大家都在裡面排隊。')).toBe('tw')
    expect(detectScript('佢話呢條綫嘅列車好多人，我都覺得係咁説。')).toBe('hk')
    expect(detectScript('這裏的牛肉麪很好吃，大家都在裏面排隊。')).toBe('t')
  })

  it('detects Japanese by kana and by shinjitai-only kanji', () => {
    expect(detectScript('日本語の文章を読みます。新字体と旧字体について説明します。')).toBe('jp')
    expect(detectScript('旧字体歴史仮名遣 駅弁当 伝統')).toBe('jp')
  })

  it('defaults to Simplified when there is no evidence', () => {
    expect(detectScript('')).toBe('cn')
    expect(detectScript('Hello, world 2024')).toBe('cn')
    expect(detectScript('中文大学')).toBe('cn')
  })

  it('short Simplified and Traditional phrases', () => {
    expect(detectScript('华龙区')).toBe('cn')
    expect(detectScript('華龍區')).toBe('t')
    expect(detectScript('软件开发者使用鼠标')).toBe('cn')
    // Taiwan vocabulary (軟體, 滑鼠) makes it Taiwan with phrases.
    expect(detectScript('軟體開發者使用滑鼠')).toBe('twp')
    expect(detectScript('軟件開發者使用鼠標')).toBe('t')
  })
})
