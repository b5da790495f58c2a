// The app shell's Content-Security-Policy (RELIABILITY.md §1.1 item 7): no eval, no inline script, no remote
// origins, no frames (the reader shows plain paragraphs). Sent as a header by the app:// protocol and the
// preview host, and as a meta tag in index.html.
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')
