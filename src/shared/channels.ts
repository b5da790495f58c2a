// The names of every API method and event, without their schemas: the sandboxed preload and the preview
// bridge need only the names, so they don't bundle zod. api.ts checks at compile time that these lists
// and the contract agree.
export const API_CHANNEL_NAMES = [
  'app:info',
  'settings:get',
  'settings:set',
  'articles:list',
  'articles:count',
  'articles:get',
  'articles:setReading',
  'articles:setView',
  'tags:list',
  'tags:counts',
  'tags:tree',
  'tags:add',
  'tags:remove',
  'tags:rename',
  'tags:merge',
  'tags:delete',
  'tags:undo',
  'tags:suggest',
  'search:query',
  'import:drop',
  'import:files',
  'import:dialog',
  'import:cancel',
  'import:report',
  'import:history',
  'import:undo',
  'annotations:list',
  'annotations:create',
  'annotations:update',
  'annotations:delete',
  'annotations:undo',
  'annotations:search',
  'annotations:unattached',
  'annotations:unattached-delete',
  'annotations:unattached-restore',
  'notes:export',
  'articles:export',
  'proofread:get',
  'proofread:decide',
  'proofread:report',
  'shell:openExternal',
  'dictionary:lookup',
  'sync:status',
  'sync:connect',
  'sync:now',
  'sync:disconnect',
  'sync:activity',
  'comments:list',
  'comments:add',
  'comments:edit',
  'comments:delete',
  'annotations:hide',
  'annotations:unhide',
  'comments:hide',
  'comments:unhide'
] as const

export const API_EVENT_NAMES = ['import:progress', 'import:finished', 'library:changed', 'menu:command'] as const

/**
 * Not a method: the preload sends the paths of each real drop on the window here (Electron only). Main
 * keeps them for import:drop; the page can neither read nor forge them.
 */
export const DROP_PATHS_CHANNEL = 'drop:paths'
