// "3 分钟前" / "3 minutes ago" for times within the last week, in the UI locale (Intl.RelativeTimeFormat);
// older times, and the tooltip of every time, are the app's absolute formatDateTime.
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60]
]
const WEEK_S = 7 * 24 * 60 * 60

/** Null when the time is a week or more away (or in the future by more than a minute): show it absolute. */
export function relativeTime(iso: string, now: number, locale: string): string | 'just-now' | null {
  const seconds = Math.round((now - Date.parse(iso)) / 1000)
  if (Number.isNaN(seconds) || seconds >= WEEK_S || seconds < -60) return null
  if (seconds < 60) return 'just-now'
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  let unit: Intl.RelativeTimeFormatUnit = 'minute'
  let size = 60
  for (const [u, s] of STEPS) if (seconds >= s) [unit, size] = [u, s]
  return format.format(-Math.floor(seconds / size), unit)
}
