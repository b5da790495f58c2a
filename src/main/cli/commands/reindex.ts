// `marginalia reindex`: rebuilds the search index from the stored articles.
import { rebuildIndex } from '../../services/search'
import { defineCommand, parseOptions } from '../io'

export const reindexCommand = defineCommand<'library', null>({
  usage: '  reindex                            rebuild the search index\n',
  opens: 'library',
  parse(args) {
    parseOptions(args, {}, false)
    return null
  },
  async run(db, _args, io) {
    const t0 = Date.now()
    rebuildIndex(db)
    io.stderr(`search index rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
    return 0
  }
})
