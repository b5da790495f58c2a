// The native menu's commands (menu:command events from main). Font, theme and script go straight to the
// settings; the rest are the shell's to handle.
import { useEffect, useEffectEvent } from 'react'
import { SCRIPT_IDS } from '@shared/script/types'
import type { MenuCommand, ScriptId } from '@shared/types'
import { subscribe } from '../api/client'
import { useSettings } from '../features/settings/settings-context'

export interface MenuHandlers {
  import: () => void
  exportNotes: () => void
  about: () => void
}

export function useMenuCommands(handlers: MenuHandlers): void {
  const { update, changeFontSize } = useSettings()
  const onCommand = useEffectEvent((command: MenuCommand) => {
    if (command === 'import') handlers.import()
    else if (command === 'export-notes') handlers.exportNotes()
    else if (command === 'about') handlers.about()
    else if (command === 'font:increase') changeFontSize(1)
    else if (command === 'font:decrease') changeFontSize(-1)
    else if (command === 'font:reset') changeFontSize('reset')
    else if (command.startsWith('theme:')) {
      const theme = command.slice('theme:'.length)
      if (theme === 'light' || theme === 'sepia' || theme === 'dark') update({ theme })
    } else if (command.startsWith('script:')) {
      const script = command.slice('script:'.length)
      if ((SCRIPT_IDS as readonly string[]).includes(script)) update({ script: script as ScriptId })
    }
  })
  useEffect(() => subscribe('menu:command', ({ command }) => onCommand(command)), [])
}
