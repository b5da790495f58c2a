// What every CLI command shares: its I/O, the error that means "usage error, exit 2", the argument parser
// that raises it, and the shape of a command (src/main/cli/commands/*, dispatched by run.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { SCRIPT_IDS, type ScriptId } from '@shared/script/types'
import { AppError } from '@shared/result'
import type { Db } from '../db/connection'
import type { BadVerdict } from '../services/health'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  stdin(): Promise<string>
}

export class UsageError extends Error {}

/** What a command runs on: the open library, only its path (restore swaps the file), or nothing (convert). */
interface Targets {
  library: Db
  path: string
  nothing: null
}

/**
 * A command parses its arguments first (usage errors exit 2 before the library is opened, so they never
 * create a file), then runs on what it `opens`.
 */
export interface CommandSpec<O extends keyof Targets, A> {
  readonly opens: O
  /** Its lines in --help. */
  readonly usage: string
  parse(args: string[]): A
  run(target: Targets[O], args: A, io: CliIo): Promise<number>
  /** Besides the message on stderr (and exit 1), what it prints when the library is unhealthy. */
  unhealthy?(verdict: BadVerdict, args: A, io: CliIo): void
}

/** A command is also callable as `(target, args, io)`: parse, then run (what scripts and tests call). */
export type CliCommand<O extends keyof Targets, A> = CommandSpec<O, A> &
  ((target: Targets[O], args: string[], io: CliIo) => Promise<number>)

export type AnyCliCommand = CliCommand<'library', any> | CliCommand<'path', any> | CliCommand<'nothing', any>

export function defineCommand<O extends keyof Targets, A>(spec: CommandSpec<O, A>): CliCommand<O, A> {
  const call = async (target: Targets[O], args: string[], io: CliIo): Promise<number> => spec.run(target, spec.parse(args), io)
  return Object.assign(call, spec)
}

/** node:util parseArgs in strict mode, its errors turned into one-line usage errors. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  positionals: boolean
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

export const SCRIPT_CHOICES = SCRIPT_IDS.join('|')

/** A --script/--to value (default 'original' when absent). */
export function parseScript(value: string | undefined, flag: string): ScriptId {
  const script = value ?? 'original'
  if (!(SCRIPT_IDS as readonly string[]).includes(script)) throw new UsageError(`${flag} must be one of ${SCRIPT_CHOICES}`)
  return script as ScriptId
}

/** DEL, the C1 controls (U+009B is CSI on some terminals), bidi controls, line/paragraph separators. */
const UNSAFE_BEYOND_C0 = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** JSON.stringify escapes only C0; the rest are escaped too, which parses back to the same value. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(jsonSafe(JSON.stringify(value, null, 2)) + '\n')
}

/** JSON text with the characters a terminal would act on escaped (each one alone: pieces of a document may be escaped apart). */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE_BEYOND_C0, unicodeEscape)
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

const CONTROLS = /[\u0000-\u001f]/g

/**
 * Text from the library or from file names, made safe to print on a terminal: escape sequences, bidi
 * overrides and other controls become visible `\u001b`-style escapes, so a title cannot move the cursor,
 * retitle the window or disguise itself. In a `field` (one column of a one-line record) tabs and line
 * breaks are escaped too; in a `block` (an article's text) they are kept.
 */
export function terminalSafe(text: string, kind: 'field' | 'block' = 'field'): string {
  return text
    .replace(CONTROLS, (c) => (kind === 'block' && (c === '\n' || c === '\t') ? c : unicodeEscape(c)))
    .replace(UNSAFE_BEYOND_C0, unicodeEscape)
}

/**
 * Runs fn; an error `explain` recognises (it returns the message to print) is a runtime failure: one
 * line on stderr and exit 1, not a crash.
 */
export async function exitOneOn(io: CliIo, explain: (error: unknown) => string | null, fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn()
  } catch (error) {
    const message = explain(error)
    if (message === null) throw error
    io.stderr(`marginalia: ${terminalSafe(message)}\n`)
    return 1
  }
}

/** A missing article (an ID or --article that does not exist). */
export const notFound = (error: unknown): string | null =>
  error instanceof AppError && error.code === 'not-found' ? error.message : null
