// W3C Web Annotation Data Model shapes (main process): the JSON-LD our JSON export writes and the
// permissive schema the importer reads (any Annotation, AnnotationPage or AnnotationCollection whose
// structure follows https://www.w3.org/TR/annotation-model/, as in the W3C's own examples).
import { z } from 'zod'

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

const iri = z.string().min(1)
const context = z.union([iri, z.array(z.unknown()), z.record(z.string(), z.unknown())])

export const TextQuoteSelectorSchema = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional()
})
export const TextPositionSelectorSchema = z.looseObject({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0),
  end: z.number().int().min(0)
})
const AnySelectorSchema = z.union([iri, z.looseObject({ type: z.string() })])

const BodySchema = z.union([
  iri,
  z.looseObject({
    id: iri.optional(),
    type: z.string().optional(),
    value: z.string().optional(),
    purpose: z.string().optional(),
    format: z.string().optional()
  })
])

const SpecificResourceSchema = z.looseObject({
  id: iri.optional(),
  type: z.string().optional(),
  source: z.union([iri, z.looseObject({ id: iri })]).optional(),
  selector: z.union([AnySelectorSchema, z.array(AnySelectorSchema)]).optional(),
  styleClass: z.string().optional()
})
const TargetSchema = z.union([iri, SpecificResourceSchema])

export const AnnotationSchema = z.looseObject({
  '@context': context.optional(),
  id: iri.optional(),
  type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'))]),
  motivation: z.union([z.string(), z.array(z.string())]).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  body: z.union([BodySchema, z.array(BodySchema)]).optional(),
  bodyValue: z.string().optional(),
  target: z.union([TargetSchema, z.array(TargetSchema)])
})
export type W3cAnnotation = z.infer<typeof AnnotationSchema>

export const AnnotationPageSchema = z.looseObject({
  type: z.literal('AnnotationPage'),
  items: z.array(z.unknown())
})

export const AnnotationCollectionSchema = z.looseObject({
  '@context': context.optional(),
  type: z.literal('AnnotationCollection'),
  first: z.union([iri, AnnotationPageSchema]).optional()
})

/** The annotations in a parsed JSON document: an Annotation, an array of them, a page or a collection. */
export function annotationsIn(json: unknown): { items: W3cAnnotation[]; invalid: number } {
  let raw: unknown[] = []
  if (Array.isArray(json)) raw = json
  else {
    const collection = AnnotationCollectionSchema.safeParse(json)
    const page = AnnotationPageSchema.safeParse(json)
    if (collection.success) {
      const first = collection.data.first
      raw = typeof first === 'object' && first ? first.items : []
    } else if (page.success) raw = page.data.items
    else raw = [json]
  }
  const items: W3cAnnotation[] = []
  let invalid = 0
  for (const entry of raw) {
    const parsed = AnnotationSchema.safeParse(entry)
    if (parsed.success) items.push(parsed.data)
    else invalid++
  }
  return { items, invalid }
}
