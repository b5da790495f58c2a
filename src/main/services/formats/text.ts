// Plain text articles: a title line + body + trailing metadata (content-farm copies), or a bare body
// whose title is the file name (scraped .txt dumps). All structure comes from cleanArticleText.
import type { FormatModule } from './types'
import { baseTitle, buildArticle, extOf } from './common'

export const textFormat: FormatModule = {
  id: 'text',
  label: 'Plain text',
  extensions: ['txt', 'text'],
  detect(name) {
    return ['txt', 'text', ''].includes(extOf(name))
  },
  parse(name, text, encoding, ctx) {
    return [
      buildArticle(
        {
          rawText: text,
          rawFormat: 'text',
          encoding,
          title: baseTitle(name),
          fallbackTitle: baseTitle(name),
          body: { kind: 'text', text, firstLineIsTitle: 'auto' }
        },
        ctx
      )
    ]
  }
}
