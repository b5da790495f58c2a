// Builds the preview host's window.api bridge: the same shape the preload exposes (one function per
// contract channel, one subscribe function per event), carried over HTTP to the same dispatch().
import { API_CHANNEL_NAMES as API_CHANNELS, API_EVENT_NAMES as API_EVENTS } from '@shared/channels'

export function bridgeScript(): string {
  return `'use strict';
(() => {
  const channels = ${JSON.stringify(API_CHANNELS)};
  const events = ${JSON.stringify(API_EVENTS)};
  const listeners = new Map(events.map((e) => [e, new Set()]));
  let source = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/api/events');
    for (const name of events) {
      source.addEventListener(name, (ev) => {
        let payload;
        try { payload = JSON.parse(ev.data); } catch { return; }
        for (const fn of listeners.get(name)) { try { fn(payload); } catch (e) { console.error(e); } }
      });
    }
  };
  const call = async (channel, args) => {
    try {
      const res = await fetch('/api/' + encodeURIComponent(channel), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args === undefined ? {} : args)
      });
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'io', message: 'preview host unreachable: ' + (e && e.message) } };
    }
  };
  const api = {};
  for (const channel of channels) api[channel] = (args) => call(channel, args);
  api.events = {};
  for (const name of events) {
    api.events[name] = (fn) => { connect(); listeners.get(name).add(fn); return () => listeners.get(name).delete(fn); };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
`
}
