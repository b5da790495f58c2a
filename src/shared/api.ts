// THE contract between renderer and main: every method (channel → argument schema → result type) and
// every event. Main registers each channel through one validating wrapper (src/main/ipc/register.ts), the
// preload exposes exactly these names as window.api, and the preview host answers the same names over HTTP.
//
// How to add a method: add an entry to `apiContract` below with a zod schema for its argument object and
// `result<T>()` for its result type, add its name to channels.ts, then add the handler in src/main/ipc/handlers/<domain>.ts. The
// typecheck fails until every channel has a handler. A method that writes shared library data (what the
// team archive's outbox records: articles and their metadata, tags, highlights, comments) says
// `shared: true`: a viewer's library refuses it before its handler runs (src/main/ipc/read-only.ts).
import { z } from 'zod'
import { API_CHANNEL_NAMES, API_EVENT_NAMES } from './channels'
import { id, isoDate, SCRIPT_ID, tagName } from './schema-primitives'
import { LIST_SORTS } from './types'
import type {
  AppInfo,
  ArticleProofread,
  ArticleDetail,
  DictionaryLookup,
  ImportHistoryEntry,
  ImportProgress,
  ImportReport,
  ListPage,
  UnattachedNote,
  MenuCommand,
  SearchResult,
  Settings,
  TagCount,
  TagCountRow,
  TagOperationResult,
  TagSuggestion,
  TagTreeNode,
  SyncStatusView,
  SyncActivityView,
  CommentThread,
  HiddenNote,
  CommentView
} from './types'
import * as anno from './anchoring/schemas'
import { FINDING_KINDS } from './proofread/types'
import type { AnnotationList, AnnotationSearchPage, AnnotationUndoResult, AnnotationView, ExportOutcome } from './anchoring/types'

/** Phantom marker carrying a result type through the contract object. */
export interface ResultOf<T> {
  readonly __result?: T
}
function result<T>(): ResultOf<T> {
  return {}
}

const shortText = z.string().max(500)
const none = z.strictObject({})
const serverKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a team-archive object key')
const commentText = z.string().trim().min(1, 'a comment needs some text').max(20_000, 'a comment is at most 20,000 characters')

export const ListQuerySchema = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  sort: z.enum(LIST_SORTS).default('imported'),
  order: z.enum(['asc', 'desc']).default('desc'),
  filter: z.enum(['all', 'unread', 'read', 'annotated']).default('all'),
  search: z.string().max(500).optional(),
  tagsAll: z.array(tagName).max(50).optional(),
  tagsAny: z.array(tagName).max(50).optional(),
  tagsNone: z.array(tagName).max(50).optional(),
  source: shortText.optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional()
})

export const SettingsPatchSchema = z.strictObject({
  uiLanguage: z.enum(['system', 'zh-Hans', 'zh-Hant', 'en']).optional(),
  theme: z.enum(['light', 'sepia', 'dark']).optional(),
  fontSize: z.number().int().min(14).max(32).optional(),
  lineHeight: z.number().min(1.2).max(2.6).optional(),
  script: SCRIPT_ID.optional(),
  writing: z.enum(['horizontal', 'vertical']).optional(),
  ruby: z.boolean().optional(),
  colleagueLayers: z.boolean().optional()
})

/** The largest file one upload may carry (the preview host streams bigger bodies nowhere). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024
const uploadBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_UPLOAD_BYTES, `larger than ${MAX_UPLOAD_BYTES} bytes`)

export const apiContract = {
  'app:info': { args: none, result: result<AppInfo>() },

  'settings:get': { args: none, result: result<Settings>() },
  'settings:set': { args: SettingsPatchSchema, result: result<Settings>() },

  'articles:list': { args: ListQuerySchema, result: result<ListPage>() },
  'articles:count': { args: ListQuerySchema, result: result<{ total: number }>() },
  'articles:get': { args: z.strictObject({ id }), result: result<ArticleDetail>() },
  'articles:setReading': {
    args: z.strictObject({
      id,
      position: z.number().int().min(0).max(100_000_000).optional(),
      progress: z.number().min(0).max(1).optional(),
      readState: z.enum(['unread', 'read']).optional()
    }),
    result: result<null>()
  },
  'articles:setView': {
    args: z.strictObject({
      id,
      useOriginal: z.boolean().optional(),
      scriptOverride: SCRIPT_ID.nullable().optional()
    }),
    result: result<null>()
  },
  'tags:list': { args: none, result: result<TagCount[]>() },
  'tags:counts': {
    args: z.strictObject({ sort: z.enum(['count', 'name']).default('count') }),
    result: result<TagCountRow[]>()
  },
  'tags:tree': {
    args: z.strictObject({ sort: z.enum(['count', 'name']).default('name') }),
    result: result<TagTreeNode[]>()
  },
  'tags:add': {
    shared: true,
    args: z.strictObject({ articleIds: z.array(id).min(1).max(100_000), names: z.array(tagName).min(1).max(50) }),
    result: result<TagOperationResult>()
  },
  'tags:remove': {
    shared: true,
    args: z.strictObject({ articleIds: z.array(id).min(1).max(100_000), names: z.array(tagName).min(1).max(50) }),
    result: result<TagOperationResult>()
  },
  'tags:rename': { shared: true, args: z.strictObject({ from: tagName, to: tagName }), result: result<TagOperationResult>() },
  'tags:merge': {
    shared: true,
    args: z.strictObject({ from: z.array(tagName).min(1).max(50), to: tagName }),
    result: result<TagOperationResult>()
  },
  'tags:delete': { shared: true, args: z.strictObject({ name: tagName }), result: result<TagOperationResult>() },
  'tags:undo': { shared: true, args: z.strictObject({ token: z.string().uuid() }), result: result<{ articles: number }>() },
  'tags:suggest': {
    args: z.strictObject({ id, limit: z.number().int().min(1).max(50).default(10) }),
    result: result<TagSuggestion[]>()
  },
  'search:query': {
    args: z.strictObject({
      text: z.string().trim().min(1).max(500),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      tagsAll: z.array(tagName).max(50).optional(),
      tagsAny: z.array(tagName).max(50).optional(),
      tagsNone: z.array(tagName).max(50).optional(),
      source: shortText.optional(),
      dateFrom: isoDate.optional(),
      dateTo: isoDate.optional(),
      filter: z.enum(['all', 'unread', 'read', 'annotated']).default('all')
    }),
    result: result<SearchResult>()
  },

  // No method takes a path from the page: paths come only from the native dialog and from a real drop
  // (read by the preload, never by page script). import:drop imports the latest drop, once; null when none.
  'import:drop': { shared: true, args: none, result: result<{ importId: number } | null>() },
  'import:files': {
    shared: true,
    args: z.strictObject({
      files: z
        .array(z.strictObject({ name: z.string().min(1).max(1024), bytes: uploadBytes }))
        .min(1)
        .max(1000)
    }),
    result: result<{ importId: number }>()
  },
  'import:dialog': { shared: true, args: none, result: result<{ importId: number } | null>() },
  'import:cancel': { args: z.strictObject({ importId: id }), result: result<null>() },
  'import:report': { args: z.strictObject({ importId: id }), result: result<ImportReport>() },
  'import:history': { args: none, result: result<ImportHistoryEntry[]>() },
  'import:undo': { shared: true, args: z.strictObject({ importId: id }), result: result<{ removed: number }>() },

  'annotations:list': { args: anno.AnnotationListArgs, result: result<AnnotationList>() },
  'annotations:create': { shared: true, args: anno.AnnotationCreateArgs, result: result<AnnotationView>() },
  'annotations:update': { shared: true, args: anno.AnnotationUpdateArgs, result: result<AnnotationView>() },
  'annotations:delete': { shared: true, args: z.strictObject({ id }), result: result<{ id: number; articleId: number }>() },
  'annotations:undo': { shared: true, args: z.strictObject({ articleId: id }), result: result<AnnotationUndoResult | null>() },
  'annotations:search': { args: anno.AnnotationSearchArgs, result: result<AnnotationSearchPage>() },
  // Imported highlights whose article is not in the library yet; delete marks one, restore is its Undo.
  'annotations:unattached': { args: none, result: result<UnattachedNote[]>() },
  'annotations:unattached-delete': { args: z.strictObject({ id }), result: result<{ id: number }>() },
  'annotations:unattached-restore': { args: z.strictObject({ id }), result: result<{ id: number }>() },
  'notes:export': { args: anno.NotesExportArgs, result: result<ExportOutcome>() },
  'articles:export': { args: anno.ArticlesExportArgs, result: result<ExportOutcome>() },

  // Offline CC-CEDICT look-up of a selection (loaded in main on first use).
  'dictionary:lookup': { args: z.strictObject({ text: z.string().trim().min(1).max(200) }), result: result<DictionaryLookup>() },

  // The editor's desk (issue 14): findings on an article's cleaned text with the editor's decisions. A
  // decision names findings by rule, range and text (main checks they are current findings), or a kind.
  'proofread:get': { args: z.strictObject({ articleId: id }), result: result<ArticleProofread>() },
  'proofread:decide': {
    args: z.strictObject({
      articleId: id,
      decision: z.enum(['accepted', 'ignored', 'open']),
      items: z
        .array(z.strictObject({ code: z.string().min(1).max(100), start: z.number().int().min(0), end: z.number().int().min(0), text: z.string().max(10_000) }))
        .min(1)
        .max(100_000)
        .optional(),
      kind: z.enum(FINDING_KINDS).optional()
    }).refine((a) => (a.items === undefined) !== (a.kind === undefined), 'give either items or kind'),
    result: result<ArticleProofread>()
  },
  'proofread:report': { args: z.strictObject({ articleId: id, format: z.enum(['md', 'csv']) }), result: result<ExportOutcome>() },

  // Team archive (issue 15). The token goes in once, with connect, and never comes back out. A failed
  // connect or sync answers code 'io' with details { kind } (SyncErrorKind) for the window's words.
  'sync:status': { args: none, result: result<SyncStatusView>() },
  'sync:connect': {
    args: z.strictObject({
      server: z.string().trim().max(2000).refine((s) => /^https?:\/\/[^\s]+$/i.test(s), 'an http:// or https:// URL'),
      token: z.string().trim().regex(/^[A-Za-z0-9_-]{20,100}$/, 'a member token'),
      group: z.string().trim().uuid()
    }),
    result: result<SyncStatusView>()
  },
  'sync:now': { args: none, result: result<SyncStatusView>() },
  'sync:disconnect': { args: none, result: result<SyncStatusView>() },
  // Read live from the server (nothing cached): offline it answers code 'io' with details { kind: 'unreachable' }.
  'sync:activity': { args: z.strictObject({ days: z.number().int().min(1).max(366).default(30) }), result: result<SyncActivityView>() },
  // An article's discussion (team archive): the protocol carries 1 to 20,000 characters per comment.
  // Only the member's own comments can be edited or deleted (main checks; the server enforces it too).
  'comments:list': { args: z.strictObject({ articleId: id }), result: result<CommentThread>() },
  'comments:add': { shared: true, args: z.strictObject({ articleId: id, text: commentText }), result: result<CommentView>() },
  'comments:edit': { shared: true, args: z.strictObject({ id, text: commentText }), result: result<CommentView>() },
  'comments:delete': { shared: true, args: z.strictObject({ id }), result: result<{ id: number; articleId: number }>() },
  // Moderation: an admin hides a colleague's highlight or comment in the whole group (main refuses anyone
  // else). The item leaves this library too; unhide (the Undo) names its server key and the pull brings it back.
  'annotations:hide': { shared: true, args: z.strictObject({ id }), result: result<HiddenNote>() },
  'annotations:unhide': { shared: true, args: z.strictObject({ key: serverKey }), result: result<{ key: string }>() },
  'comments:hide': { shared: true, args: z.strictObject({ id }), result: result<HiddenNote>() },
  'comments:unhide': { shared: true, args: z.strictObject({ key: serverKey }), result: result<{ key: string }>() },

  'shell:openExternal': {
    args: z.strictObject({ url: z.string().min(1).max(4096) }),
    result: result<{ opened: boolean }>()
  }
} as const

export type ApiContract = typeof apiContract
export type ApiChannel = keyof ApiContract
export const API_CHANNELS: readonly ApiChannel[] = API_CHANNEL_NAMES

// Compile-time proof that channels.ts lists exactly the contract's channels (both directions).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const _channelsMatch: Exact<(typeof API_CHANNEL_NAMES)[number], ApiChannel> = true
const _eventsMatch: Exact<(typeof API_EVENT_NAMES)[number], keyof ApiEvents> = true
void _channelsMatch
void _eventsMatch

/** What the caller passes (defaults may be omitted). */
export type ApiArgs<C extends ApiChannel> = z.input<ApiContract[C]['args']>
/** What the handler receives after validation (defaults filled in). */
export type ApiParsedArgs<C extends ApiChannel> = z.output<ApiContract[C]['args']>
export type ApiResult<C extends ApiChannel> =
  ApiContract[C]['result'] extends ResultOf<infer T> ? T : never

/** Events main pushes to the renderer. */
export interface ApiEvents {
  'import:progress': ImportProgress
  'import:finished': ImportReport
  'library:changed': { reason: string }
  'menu:command': { command: MenuCommand }
}
export type ApiEventName = keyof ApiEvents
export const API_EVENTS: readonly ApiEventName[] = API_EVENT_NAMES

/** The channels marked `shared: true` above. */
export const SHARED_WRITE_CHANNELS: ReadonlySet<ApiChannel> = new Set(
  API_CHANNELS.filter((c) => (apiContract[c] as { shared?: boolean }).shared === true)
)

export function isApiChannel(value: unknown): value is ApiChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(apiContract, value)
}
