// Unit tests for the cleanup rules that the real files do not fully cover: conservative pinyin
// removal, title suffix variants, editor/tag/byline lines.
import { describe, expect, it } from 'vitest'
import { cleanArticleText, splitTitle } from '../../../../src/main/services/cleanup/cleanup'

describe('pinyin gloss removal', () => {
  it('removes a gloss only when it is a reading of the character before it', () => {
    const r = cleanArticleText('華龍區(qū)現(xiàn)代化創(chuàng)新', { firstLineIsTitle: false })
    expect(r.text).toBe('華龍區現代化創新')
    expect(r.removed.pinyinGlosses).toBe(3)
  })

  it('leaves a deliberate gloss after an unrelated character, Latin text and unknown syllables alone', () => {
    const text = '課本寫道：山(qū)字不讀這個音。\n見附錄(xyz)與(ABC)，以及「區」(qū)的注音。'
    const r = cleanArticleText(text, { firstLineIsTitle: false })
    expect(r.text).toBe(text)
    expect(r.removed.pinyinGlosses).toBe(0)
  })

  it('keeps a lone gloss, full-width or not: one gloss is a deliberate one, not the content-farm pattern', () => {
    // (fā) is not a reading of 展 (zhǎn); (xiàn) is a reading of 现, but alone it is a textbook gloss.
    const r = cleanArticleText('发展（fā）和现（xiàn）在')
    expect(r.text).toBe('发展（fā）和现（xiàn）在')
    expect(r.removed.pinyinGlosses).toBe(0)
  })
})

describe('title suffixes', () => {
  it.each([
    ['華龍區扎實推進工作側記_天天快報', '華龍區扎實推進工作側記', '天天快報'],
    ['陈同佳刑满出狱 向潘晓颖家人鞠躬致歉|香港_新浪新闻', '陈同佳刑满出狱 向潘晓颖家人鞠躬致歉', '新浪新闻'],
    ['女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网', '女儿出嫁，郑板桥画了几笔兰花当嫁妆', '人民网'],
    ['法国全国大罢工再次严重影响交通-新华网', '法国全国大罢工再次严重影响交通', '新华网'],
    ['苹果发布新品 - 新浪网', '苹果发布新品', '新浪网'],
    ['神舟飞船发射成功_中国载人航天官方网站', '神舟飞船发射成功', '中国载人航天官方网站'],
    ['一篇游记 @ 示例网', '一篇游记', '示例网'],
    ['一篇游记 :: 示例网 ::', '一篇游记', '示例网']
  ])('%s', (raw, title, source) => {
    expect(splitTitle(raw)).toMatchObject({ title, source })
  })

  it('does not split when the last segment is not a site name', () => {
    expect(splitTitle('央視紀錄片迅雷下載鏈接_央視紀錄片')).toMatchObject({ title: '央視紀錄片迅雷下載鏈接_央視紀錄片', source: null })
    expect(splitTitle('COVID-19 疫苗')).toMatchObject({ title: 'COVID-19 疫苗', source: null })
  })
})

describe('trailing metadata', () => {
  it('reads editor and tags from a 责任编辑 line with 标签', () => {
    const r = cleanArticleText('标题行\n第一段正文。\n第二段正文。记者 王小明\n责任编辑：李四 标签：经济、民生')
    expect(r.title).toBe('标题行')
    expect(r.editor).toBe('李四')
    expect(r.tags).toEqual(['经济', '民生'])
    expect(r.author).toBe('记者 王小明')
    expect(r.text).toBe('第一段正文。\n第二段正文。')
  })

  it('does not take "記者" inside a sentence for a byline', () => {
    const r = cleanArticleText('他對記者說這是好事。\n記者了解到情況屬實', { firstLineIsTitle: false })
    expect(r.author).toBeNull()
    expect(r.text).toBe('他對記者說這是好事。\n記者了解到情況屬實')
  })

  it('keeps a single bullet line (a list needs at least two) in the body', () => {
    const r = cleanArticleText('正文第一段。\n- 只有一行', { firstLineIsTitle: false })
    expect(r.removed.relatedHeadlines).toEqual([])
    expect(r.text).toBe('正文第一段。\n- 只有一行')
  })
})
