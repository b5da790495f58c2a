// The native application menu (main process). Menu items send `menu:command` events to the renderer,
// which owns the state they change (settings, script, dialogs). Labels follow the UI language.
import type { MenuItemConstructorOptions } from 'electron'
import { SCRIPTS } from '@shared/script/types'
import type { MenuCommand, UiLanguage } from '@shared/types'

type Labels = Record<
  | 'file'
  | 'import'
  | 'exportNotes'
  | 'backup'
  | 'restore'
  | 'quit'
  | 'view'
  | 'theme'
  | 'light'
  | 'sepia'
  | 'dark'
  | 'fontSize'
  | 'bigger'
  | 'smaller'
  | 'reset'
  | 'script'
  | 'help'
  | 'about'
  | 'edit',
  string
>

const LABELS: Record<UiLanguage, Labels> = {
  'zh-Hans': {
    file: '文件', import: '导入…', exportNotes: '导出笔记…', backup: '立即备份…', restore: '从备份恢复…', quit: '退出', view: '视图', theme: '主题',
    light: '浅色', sepia: '护眼', dark: '深色', fontSize: '字号', bigger: '放大', smaller: '缩小', reset: '默认大小',
    script: '文字', help: '帮助', about: '关于 Marginalia', edit: '编辑'
  },
  'zh-Hant': {
    file: '檔案', import: '匯入…', exportNotes: '匯出筆記…', backup: '立即備份…', restore: '從備份還原…', quit: '結束', view: '檢視', theme: '主題',
    light: '淺色', sepia: '護眼', dark: '深色', fontSize: '字級', bigger: '放大', smaller: '縮小', reset: '預設大小',
    script: '文字', help: '說明', about: '關於 Marginalia', edit: '編輯'
  },
  en: {
    file: 'File', import: 'Import…', exportNotes: 'Export Notes…', backup: 'Back Up Now…', restore: 'Restore from Backup…', quit: 'Quit', view: 'View', theme: 'Theme',
    light: 'Light', sepia: 'Sepia', dark: 'Dark', fontSize: 'Font Size', bigger: 'Bigger', smaller: 'Smaller',
    reset: 'Default Size', script: 'Script', help: 'Help', about: 'About Marginalia', edit: 'Edit'
  }
}

export function buildMenuTemplate(
  language: UiLanguage,
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform = process.platform
): MenuItemConstructorOptions[] {
  const l = LABELS[language]
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {})
  })
  const template: MenuItemConstructorOptions[] = [
    {
      label: l.file,
      submenu: [
        item(l.import, 'import', 'CmdOrCtrl+O'),
        item(l.exportNotes, 'export-notes', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        item(l.backup, 'backup'),
        item(l.restore, 'restore'),
        { type: 'separator' },
        { label: l.quit, role: 'quit' }
      ]
    },
    {
      label: l.edit,
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]
    },
    {
      label: l.view,
      submenu: [
        {
          label: l.theme,
          submenu: [item(l.light, 'theme:light'), item(l.sepia, 'theme:sepia'), item(l.dark, 'theme:dark')]
        },
        {
          label: l.fontSize,
          submenu: [
            item(l.bigger, 'font:increase', 'CmdOrCtrl+='),
            item(l.smaller, 'font:decrease', 'CmdOrCtrl+-'),
            item(l.reset, 'font:reset', 'CmdOrCtrl+0')
          ]
        },
        { label: l.script, submenu: SCRIPTS.map((s) => item(s.label[language], `script:${s.id}`)) }
      ]
    },
    { label: l.help, submenu: [item(l.about, 'about')] }
  ]
  if (platform === 'darwin') template.unshift({ role: 'appMenu' })
  return template
}
