// Issue 11, pinyin glosses: machine-glued pinyin (the content-farm pattern) goes; a deliberate gloss stays.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { removePinyinGlosses } from '../../../../src/main/services/cleanup/pinyin-gloss'
import { SAMPLES } from '../../../helpers/test-db'

const GLUED = /\p{Script=Han}[(（][a-zA-ZüÜ\u00C0-\u024F]{1,7}[)）]/gu

describe('pinyin glosses', () => {
  it.each([
    '拼音“区(qū)”的读法',
    '“重(zhòng)量”与“重(chóng)复”读音不同',
    '重(zhòng)量与重(chóng)复读音不同',
    '课文：我(wǒ)们(men)的学(xué)校(xiào)在(zài)山(shān)下(xià)。',
    '「區（qū）」字的讀音'
  ])('a deliberate gloss stays: %s', (line) => {
    const r = removePinyinGlosses(line)
    console.log(`${line} → ${r.count} removed`)
    expect(r).toEqual({ text: line, count: 0 })
  })

  it('the content-farm article loses every glued gloss, inside quotes too, and its title', () => {
    const text = readFileSync(join(SAMPLES, 'hualong-article.txt'), 'utf8')
    const before = (text.match(GLUED) ?? []).length
    const r = removePinyinGlosses(text)
    console.log(`hualong-article.txt: ${before} glued glosses → ${r.count} removed, ${(r.text.match(GLUED) ?? []).length} left`)
    expect(r.count).toBe(before)
    expect(r.text).toContain('“全市黨的二十大安保維穩工作先進縣(區)”“全省‘三零’平安創建工作表現突出集體”')
    expect(removePinyinGlosses('華龍區(qū)扎實推進市域社會治理現(xiàn)代化工作側記')).toEqual({ text: '華龍區扎實推進市域社會治理現代化工作側記', count: 2 })
  })

  it('the same article converted to Simplified loses them too', () => {
    const r = removePinyinGlosses('华龙区(qū)扎实推进市域社会治理现(xiàn)代化工作侧记\n近日，走进华龙区(qū)辖区，公园内(nèi)孩童欢乐地嬉笑玩耍。')
    expect(r).toEqual({ text: '华龙区扎实推进市域社会治理现代化工作侧记\n近日，走进华龙区辖区，公园内孩童欢乐地嬉笑玩耍。', count: 4 })
  })

  it('a textbook line quoted inside a glued article keeps its own gloss', () => {
    const text = '華龍區(qū)轄區內(nèi)的環(huán)境很好。老師說：拼音“区(qū)”的读法要記住。'
    expect(removePinyinGlosses(text)).toEqual({ text: '華龍區轄區內的環境很好。老師說：拼音“区(qū)”的读法要記住。', count: 3 })
  })
})
