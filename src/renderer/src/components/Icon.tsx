// Small stroke icons drawn inline (no icon font, no remote assets; CSP allows only 'self'). Decorative:
// the button that holds an icon carries the accessible name.
const PATHS = {
  close: 'M6 6l12 12M18 6L6 18',
  import: 'M12 4v11m0 0l-4.5-4.5M12 15l4.5-4.5M5 19h14',
  settings:
    'M12 15.5a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM19.4 13.5l1.6 1.2-2 3.4-1.9-.7a7.6 7.6 0 01-2 1.2L14.8 21h-4l-.3-2.4a7.6 7.6 0 01-2-1.2l-1.9.7-2-3.4 1.6-1.2a7.8 7.8 0 010-2.9L4.6 9.4l2-3.4 1.9.7a7.6 7.6 0 012-1.2L10.8 3h4l.3 2.5a7.6 7.6 0 012 1.2l1.9-.7 2 3.4-1.6 1.2a7.8 7.8 0 010 2.9z',
  help: 'M12 21a9 9 0 100-18 9 9 0 000 18zM9.5 9.2a2.6 2.6 0 015 .8c0 1.7-2.5 2.2-2.5 3.8M12 17h.01',
  search: 'M10.5 17a6.5 6.5 0 100-13 6.5 6.5 0 000 13zM15.5 15.5L20 20',
  inbox: 'M4 13l2.5-7h11L20 13M4 13v5h16v-5M4 13h5l1 2h4l1-2h5',
  book: 'M4 5.5A2.5 2.5 0 016.5 3H20v15H6.5A2.5 2.5 0 004 20.5v-15zM4 20.5A2.5 2.5 0 006.5 23H20v-5',
  list: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01',
  dot: 'M12 12.01',
  history: 'M3 12a9 9 0 103-6.7M3 4v4h4M12 7v5l3 2',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  note: 'M5 4h14v12l-4 4H5zM15 20v-4h4',
  tag: 'M3 12V4h8l9 9-8 8-9-9zM7.5 8.01',
  arrowUp: 'M12 19V5m0 0l-6 6m6-6l6 6',
  arrowDown: 'M12 5v14m0 0l-6-6m6 6l6-6',
  minus: 'M6 12h12',
  plus: 'M12 6v12M6 12h12',
  link: 'M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1'
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
