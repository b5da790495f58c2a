// @vitest-environment jsdom
// useDisplayText: the text as stored without a provider (or for the 'original' script), the converted text
// once the script's converter has loaded, and the innermost provider wins (the reader's own script).
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { DisplayTextProvider, ScriptDisplayProvider, useDisplayText } from '@renderer/app/display-text'
import { getConverter } from '@renderer/app/script-loader'
import { renderHook, settle } from './helpers/render-hook'

const show = (text: string) => useDisplayText()(text)

describe('useDisplayText', () => {
  it('shows text as stored without a provider and for the original script', () => {
    expect(renderHook(show, '汉字').current).toBe('汉字')
    const original = renderHook(show, '汉字', { wrap: (c: ReactNode) => <ScriptDisplayProvider script="original">{c}</ScriptDisplayProvider> })
    expect(original.current).toBe('汉字')
  })

  it('converts to the provider’s script once its converter has loaded', async () => {
    const hook = renderHook(show, '汉字', { wrap: (c: ReactNode) => <ScriptDisplayProvider script="tw">{c}</ScriptDisplayProvider> })
    // Until the OpenCC dictionaries are loaded the text shows as stored.
    expect(hook.current).toBe('汉字')
    await getConverter('tw', 'auto')
    await settle()
    expect(hook.current).toBe('漢字')
    hook.unmount()
  })

  it('lets a nested provider override the app-wide one', () => {
    const hook = renderHook(show, 'abc', {
      wrap: (c: ReactNode) => (
        <ScriptDisplayProvider script="original">
          <DisplayTextProvider display={(s) => s.toUpperCase()}>{c}</DisplayTextProvider>
        </ScriptDisplayProvider>
      )
    })
    expect(hook.current).toBe('ABC')
    hook.unmount()
  })
})
