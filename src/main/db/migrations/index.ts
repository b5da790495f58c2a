// The static migration registry. Migrations are registered here by name (never discovered by scanning the
// folder) so they survive bundling.
//
// How to add a migration: create `NNNN_slug.ts` exporting `up(db: Kysely<any>)` (and write it against
// Kysely<any>, frozen in time: never import the current table types), add it to the list below in order,
// and add `tests/main/db/migrations/NNNN_slug.test.ts` that migrates to the previous one, seeds, migrates to
// it, and asserts. Never edit or reorder a migration that has shipped.
import type { Kysely } from 'kysely'
import * as m0001 from './0001_init'
import * as m0002 from './0002_search'
import * as m0003 from './0003_annotations'
import * as m0004 from './0004_live_tag_search'
import * as m0005 from './0005_proofreading'
import * as m0006 from './0006_sync_outbox'
import * as m0007 from './0007_ranked_characters'
import * as m0008 from './0008_unattached_notes'
import * as m0009 from './0009_tag_bulk_moves'
import * as m0010 from './0010_import_undo'
import * as m0011 from './0011_comments'
import * as m0012 from './0012_import_throughput'
import * as m0013 from './0013_private_state'
import * as m0014 from './0014_read_state_sorts'
import * as m0015 from './0015_read_state_counts'

export interface Migration {
  name: string
  up(db: Kysely<any>): Promise<void>
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_init', up: m0001.up },
  { name: '0002_search', up: m0002.up },
  { name: '0003_annotations', up: m0003.up },
  { name: '0004_live_tag_search', up: m0004.up },
  { name: '0005_proofreading', up: m0005.up },
  { name: '0006_sync_outbox', up: m0006.up },
  { name: '0007_ranked_characters', up: m0007.up },
  { name: '0008_unattached_notes', up: m0008.up },
  { name: '0009_tag_bulk_moves', up: m0009.up },
  { name: '0010_import_undo', up: m0010.up },
  { name: '0011_comments', up: m0011.up },
  { name: '0012_import_throughput', up: m0012.up },
  { name: '0013_private_state', up: m0013.up },
  { name: '0014_read_state_sorts', up: m0014.up },
  { name: '0015_read_state_counts', up: m0015.up }
]
