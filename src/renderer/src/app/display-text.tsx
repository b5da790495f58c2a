// The script text is shown in: one function, text as stored → text in the chosen script, provided app-wide
// (the global script, for the list, tags, notes and dialogs) and again by the reader for its article (whose
// script may be overridden). Components read it with useDisplayText() instead of taking it as a prop, and the
// `lang` of what they show with useTextLang(), so a Chinese title never inherits the English UI's lang.
import { createContext, useCallback, useContext, type ReactNode } from 'react'
import type { ScriptId, SourceScript } from '@shared/types'
import { langForText, useConverter, type ConverterState } from './script-loader'

export type DisplayText = (text: string) => string

const identity: DisplayText = (text) => text

const DisplayTextContext = createContext<DisplayText>(identity)
const DisplayScriptContext = createContext<ScriptId>('original')

export function useDisplayText(): DisplayText {
  return useContext(DisplayTextContext)
}

/** `lang` of a piece of text as shown here (pass the article's script when the text is an article's). */
export type TextLang = (text: string, source?: SourceScript | null) => string | undefined

export function useTextLang(): TextLang {
  const script = useContext(DisplayScriptContext)
  return useCallback((text: string, source?: SourceScript | null) => langForText(text, script, source), [script])
}

/** The display function of a converter: the text as stored until the converter is ready (or without one). */
export function useConverterDisplay(converter: ConverterState): DisplayText {
  return useCallback((text: string) => (converter.status === 'ready' ? converter.converter.convert(text) : text), [converter])
}

/** `script` is the one `display` converts to (for useTextLang); without it the enclosing one stays. */
export function DisplayTextProvider({ display, script, children }: { display: DisplayText; script?: ScriptId; children: ReactNode }) {
  const provided = <DisplayTextContext.Provider value={display}>{children}</DisplayTextContext.Provider>
  return script === undefined ? provided : <DisplayScriptContext.Provider value={script}>{provided}</DisplayScriptContext.Provider>
}

/** Provides the display function for `script` (the global setting at the app root). */
export function ScriptDisplayProvider({ script, from = 'auto', children }: { script: ScriptId; from?: SourceScript | 'auto'; children: ReactNode }) {
  const display = useConverterDisplay(useConverter(script, from))
  return (
    <DisplayTextProvider display={display} script={script}>
      {children}
    </DisplayTextProvider>
  )
}
