// The single place that may call shell.openExternal: parse, allow http/https/mailto only, ask the user.
export const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
/** What a mailto link may fill in. Anything else (attach=, attachment=, …) can make a mail client send a local file. */
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc', 'bcc'])

function isPlainMailto(url: URL): boolean {
  if (url.hash) return false
  for (const key of url.searchParams.keys()) if (!MAILTO_FIELDS.has(key.toLowerCase())) return false
  try {
    // An escaped "?" or "&" in the address would start a second set of fields in a lax client.
    return !/[?&]/.test(decodeURIComponent(url.pathname))
  } catch {
    return false
  }
}

/** Returns the normalised URL if it may be opened outside the app, else null. */
export function checkExternalUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null
  if (parsed.protocol === 'mailto:' ? !isPlainMailto(parsed) : !parsed.hostname) return null
  if (parsed.username || parsed.password) return null
  return parsed.toString()
}

export interface ExternalDeps {
  confirm(url: string): Promise<boolean>
  open(url: string): Promise<void>
}

export async function safeOpenExternal(url: string, deps: ExternalDeps): Promise<boolean> {
  const checked = checkExternalUrl(url)
  if (!checked) return false
  if (!(await deps.confirm(checked))) return false
  await deps.open(checked)
  return true
}
