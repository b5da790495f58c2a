// `marginalia convert --to S [--from S]`: converts stdin to stdout; needs no library.
import { SOURCE_SCRIPTS, type ScriptId, type SourceScript } from '@shared/script/types'
import { defineCommand, parseOptions, parseScript, UsageError } from '../io'

const FROM_SCRIPTS: readonly string[] = ['auto', ...SOURCE_SCRIPTS]

export const convertCommand = defineCommand<'nothing', { to: ScriptId; from: SourceScript | 'auto' }>({
  usage: `  convert --to S [--from S]          convert stdin to stdout (from: ${FROM_SCRIPTS.join('|')})\n`,
  opens: 'nothing',
  parse(args) {
    const { values } = parseOptions(args, { to: { type: 'string' }, from: { type: 'string' } }, false)
    // --to has no default: parseScript would read a missing value as 'original'.
    const to = parseScript(values.to ?? '', '--to')
    const from = values.from ?? 'auto'
    if (!FROM_SCRIPTS.includes(from)) throw new UsageError(`--from must be one of ${FROM_SCRIPTS.join('|')}`)
    return { to, from: from as SourceScript | 'auto' }
  },
  async run(_nothing, { to, from }, io) {
    const input = await io.stdin()
    const { loadConverter } = await import('@shared/script')
    const converter = await loadConverter(to, from)
    io.stdout(converter.convert(input))
    return 0
  }
})
