// zod building blocks shared by every channel schema (api.ts, anchoring/schemas.ts), so an id, a date or a
// tag name is validated the same way on every channel.
import { z } from 'zod'
import { SCRIPT_IDS } from './script/types'

export const SCRIPT_ID = z.enum(SCRIPT_IDS)
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
export const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')
export const tagName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'tag names cannot contain control characters')
