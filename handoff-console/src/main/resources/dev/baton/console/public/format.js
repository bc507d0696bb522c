/*
 * Formatting shared by every view: durations, clock times, seq ordering, reason labels and the placeholders of
 * canned replies. Pure functions only (no DOM), so they are easy to reason about and to test.
 */

/** Human words for the handoff reasons (the codes of dev.baton.handoff.Reason). */
export const REASONS = Object.freeze({
  refund: 'Refund',
  cancel: 'Cancel',
  complaint: 'Complaint',
  human_requested: 'Asked for a person',
  frustration: 'Frustrated',
  low_confidence: 'Bot unsure',
  not_helpful: 'Not helpful',
});

/**
 * @param {string|null|undefined} code a Reason code such as "human_requested"
 * @returns {string} the words an agent reads; an unknown code is shown as it is, a missing one as ""
 */
export function reasonLabel(code) {
  if (!code) return '';
  return Object.prototype.hasOwnProperty.call(REASONS, code) ? REASONS[code] : String(code);
}

/**
 * A timestamp as epoch milliseconds. The API sends epoch ms; ISO strings are accepted too so a change of
 * serialisation does not break the timers.
 * @param {number|string|null|undefined} value
 * @returns {number|null}
 */
export function toMillis(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * A duration for a timer: "45s", "3m 05s", "1h 02m", "2d 3h".
 * @param {number} ms
 * @returns {string}
 */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/**
 * A moment for a transcript line or a list: the time of day when it is today, else the date and time.
 * @param {number|string|null|undefined} ts
 * @param {number} [now]
 * @returns {string}
 */
export function formatTime(ts, now = Date.now()) {
  const ms = toMillis(ts);
  if (ms == null) return '';
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

/**
 * The ISO form of a timestamp, for <time datetime>.
 * @param {number|string|null|undefined} ts
 * @returns {string}
 */
export function isoTime(ts) {
  const ms = toMillis(ts);
  return ms == null ? '' : new Date(ms).toISOString();
}

/**
 * Orders two seqs ("<millis>-<counter>", Redis stream ids); null (nothing yet) comes first. Mirrors Seq.compare.
 * @param {string|null|undefined} a
 * @param {string|null|undefined} b
 * @returns {number}
 */
export function compareSeq(a, b) {
  if (!a || !b) return a ? 1 : (b ? -1 : 0);
  const [am, ac] = String(a).split('-').map(Number);
  const [bm, bc] = String(b).split('-').map(Number);
  return am !== bm ? am - bm : (ac || 0) - (bc || 0);
}

/**
 * The first word of a name, or "" without one.
 * @param {string|null|undefined} name
 * @returns {string}
 */
export function firstName(name) {
  const trimmed = (name || '').trim();
  return trimmed ? trimmed.split(/\s+/)[0] : '';
}

/**
 * The name shown for a customer: their name, or "Visitor" for an anonymous one.
 * @param {{name?: string|null}|null|undefined} customer
 * @returns {string}
 */
export function customerName(customer) {
  const name = customer && typeof customer.name === 'string' ? customer.name.trim() : '';
  return name || 'Visitor';
}

const PLURALS = new Intl.PluralRules('en');

/**
 * A count with its noun in the right number: "1 answer", "2 answers", "0 answers".
 * @param {number} count
 * @param {string} one
 * @param {string} other
 * @returns {string}
 */
export function counted(count, one, other) {
  return `${count} ${PLURALS.select(count) === 'one' ? one : other}`;
}

/**
 * Fills the placeholders of a canned reply. A missing customer name becomes "there" ("Hi {{customer.firstName}}"
 * → "Hi there"), except after a comma, where the name was an address and goes with its comma ("anything else
 * today, {{customer.firstName}}?" → "anything else today?"); unknown placeholders are left as they are so the agent
 * sees them before sending.
 * @param {string} text
 * @param {{customerName?: string|null, agentName?: string|null}} names
 * @returns {string}
 */
export function fillPlaceholders(text, names) {
  const customer = (names.customerName || '').trim();
  const agent = (names.agentName || '').trim();
  const values = {
    'customer.name': customer || 'there',
    'customer.firstName': firstName(customer) || 'there',
    'agent.name': agent,
    'agent.firstName': firstName(agent),
  };
  const addressed = customer ? String(text)
    : String(text).replace(/,\s*\{\{\s*customer\.(?:name|firstName)\s*\}\}/g, '');
  // A replacer function, not a replacement string, so "$&" in a name is not interpreted.
  return addressed.replace(/\{\{\s*((?:customer|agent)\.(?:name|firstName))\s*\}\}/g, (_, key) => values[key]);
}

/**
 * Human words for a detected intent (dev.baton.detect.Intent: cancel, refund, complaint, human).
 * @param {string} code
 * @returns {string}
 */
export function intentLabel(code) {
  return code === 'human' ? 'Asked for a person' : reasonLabel(code);
}

let languageNames = null;
try {
  languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
} catch (e) {
  languageNames = null; // an old browser: codes are shown as they are
}

/**
 * "ja" → "Japanese".
 * @param {string} code
 * @returns {string}
 */
export function languageLabel(code) {
  if (!code) return '';
  try {
    return (languageNames && languageNames.of(code)) || code;
  } catch (e) {
    return code;
  }
}

/**
 * A 0–1 confidence as a percentage.
 * @param {number|null|undefined} value
 * @returns {string}
 */
export function formatPercent(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value * 100)}%` : '';
}
