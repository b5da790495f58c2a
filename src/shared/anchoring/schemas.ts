// zod schemas for the annotations and export channels of src/shared/api.ts.
import { z } from 'zod'
import { id, isoDate, SCRIPT_ID, tagName } from '../schema-primitives'
import { HIGHLIGHT_COLORS } from './types'

const offset = z.number().int().min(0).max(1_000_000_000)
const SCRIPT = SCRIPT_ID

export const TEXT_KIND = z.enum(['clean', 'original'])
export const COLOR = z.enum(HIGHLIGHT_COLORS)
export const NOTE = z.string().max(100_000)
export const NOTES_FORMATS = ['md', 'json', 'csv', 'html'] as const
export const ARTICLE_FORMATS = ['md', 'html', 'txt'] as const

export const AnnotationListArgs = z.strictObject({ articleId: id, textKind: TEXT_KIND.optional() })

export const AnnotationCreateArgs = z
  .strictObject({
    articleId: id,
    /** Offsets are on the stored text of this kind (map a converted view back with toStoredRange first). */
    textKind: TEXT_KIND,
    start: offset,
    end: offset,
    color: COLOR.default('yellow'),
    note: NOTE.nullable().optional()
  })
  .refine((a) => a.end > a.start, { message: 'end must be after start', path: ['end'] })

export const AnnotationUpdateArgs = z
  .strictObject({ id, color: COLOR.optional(), note: NOTE.nullable().optional() })
  .refine((a) => a.color !== undefined || a.note !== undefined, 'nothing to update: give color and/or note')

export const AnnotationSearchArgs = z.strictObject({
  articleId: id.optional(),
  tag: tagName.optional(),
  colors: z.array(COLOR).max(HIGHLIGHT_COLORS.length).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  text: z.string().max(500).optional(),
  /** null: the member's own highlights; a name: that colleague's layer (team archive). */
  author: z.string().min(1).max(200).nullable().optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100)
})

export const NotesExportArgs = z
  .strictObject({
    format: z.enum(NOTES_FORMATS),
    scope: z.enum(['article', 'articles', 'tag', 'library']),
    script: SCRIPT.default('original'),
    articleIds: z.array(id).min(1).max(100_000).optional(),
    tag: tagName.optional()
  })
  .refine((a) => (a.scope === 'article' ? a.articleIds?.length === 1 : a.scope === 'articles' ? !!a.articleIds : true), {
    message: "scope 'article' needs exactly one id in articleIds, 'articles' at least one",
    path: ['articleIds']
  })
  .refine((a) => a.scope !== 'tag' || a.tag !== undefined, { message: "scope 'tag' needs tag", path: ['tag'] })

export const ArticlesExportArgs = z.strictObject({
  format: z.enum(ARTICLE_FORMATS),
  articleIds: z.array(id).min(1).max(10_000),
  script: SCRIPT.default('original'),
  highlights: z.boolean().default(false)
})
