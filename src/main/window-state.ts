// Remembers the main window's size, position and maximised state across restarts (main process).
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

const StateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false)
})
export type WindowState = z.infer<typeof StateSchema>

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false }

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export function loadWindowState(file: string, displays: Rect[]): WindowState {
  let state: WindowState
  try {
    state = StateSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return DEFAULT_WINDOW_STATE
  }
  // Forget the position if no display shows at least part of the window (a monitor was unplugged).
  if (state.x !== undefined && state.y !== undefined) {
    const { x, y } = state
    const visible = displays.some(
      (d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y - 10 && y < d.y + d.height - 50
    )
    if (!visible) return { width: state.width, height: state.height, maximized: state.maximized }
  }
  return state
}

export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(state))
  renameSync(tmp, file)
}
