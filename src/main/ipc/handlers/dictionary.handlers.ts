// dictionary:* handlers: the offline CC-CEDICT look-up (services/dictionary).
import { lookup } from '../../services/dictionary'
import type { ApiHandlers } from '../dispatch'

export const dictionaryHandlers: Pick<ApiHandlers, 'dictionary:lookup'> = {
  'dictionary:lookup': (args) => lookup(args.text)
}
