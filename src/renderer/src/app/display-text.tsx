// The script text is shown in: one function, text as stored → text in the chosen script, provided app-wide
// (the global script, for the list, tags, notes and dialogs) and again by the reader for its article (whose
// script may be overridden). Components read it with useDisplayText() instead of taking it as a prop.
import { createContext, useCallback, useContext, type ReactNode } from 'react'
import type { ScriptId, SourceScript } from '@shared/types'
import { useConverter, type ConverterState } from './script-loader'

export type DisplayText = (text: string) => string

const identity: DisplayText = (text) => text

const DisplayTextContext = createContext<DisplayText>(identity)

export function useDisplayText(): DisplayText {
  return useContext(DisplayTextContext)
}

/** The display function of a converter: the text as stored until the converter is ready (or without one). */
export function useConverterDisplay(converter: ConverterState): DisplayText {
  return useCallback((text: string) => (converter.status === 'ready' ? converter.converter.convert(text) : text), [converter])
}

export function DisplayTextProvider({ display, children }: { display: DisplayText; children: ReactNode }) {
  return <DisplayTextContext.Provider value={display}>{children}</DisplayTextContext.Provider>
}

/** Provides the display function for `script` (the global setting at the app root). */
export function ScriptDisplayProvider({ script, from = 'auto', children }: { script: ScriptId; from?: SourceScript | 'auto'; children: ReactNode }) {
  const display = useConverterDisplay(useConverter(script, from))
  return <DisplayTextProvider display={display}>{children}</DisplayTextProvider>
}
