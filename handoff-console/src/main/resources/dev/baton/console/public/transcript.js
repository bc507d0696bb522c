/*
 * The transcript (#transcript, an aria-live list). Entries are immutable and their seqs only grow, so a refresh
 * appends just the entries not shown yet: a screen reader announces only what is new, and the agent's scroll
 * position is kept unless they were already at the bottom.
 */
import { el, externalLink } from './dom.js';
import { compareSeq, formatPercent, formatTime, isoTime } from './format.js';

/**
 * @typedef {Object} TranscriptContext
 * @property {string} customerName
 * @property {string|null|undefined} customerReadSeq up to where the customer has read (summary.customerReadSeq)
 * @property {string} meId
 */

export class Transcript {
  /** @param {HTMLElement} list the #transcript element */
  constructor(list) {
    this.list = list;
    /** @type {string|null} */
    this.conversationId = null;
    /** @type {string|null} */
    this.lastSeq = null;
    /** @type {Map<string, {entry: any, element: HTMLElement}>} */
    this.shown = new Map();
  }

  /** Empties it (another conversation is opening). */
  reset() {
    this.list.replaceChildren();
    this.shown.clear();
    this.conversationId = null;
    this.lastSeq = null;
  }

  /**
   * Shows a conversation's transcript, adding what is new.
   * @param {string} conversationId
   * @param {any[]} entries oldest first
   * @param {TranscriptContext} context
   */
  update(conversationId, entries, context) {
    const fresh = conversationId !== this.conversationId;
    // Entries before the last shown one mean the history changed under us: draw it again.
    const rewritten = !fresh && entries.some((e) => !this.shown.has(e.seq) && compareSeq(e.seq, this.lastSeq) < 0);
    if (fresh || rewritten) this.reset();
    this.conversationId = conversationId;
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;

    for (const entry of entries) {
      if (!entry || !entry.seq || this.shown.has(entry.seq)) continue;
      const element = renderEntry(entry, context);
      this.shown.set(entry.seq, { entry, element });
      this.list.append(element);
      if (compareSeq(entry.seq, this.lastSeq) > 0) this.lastSeq = entry.seq;
    }
    const placeholder = this.list.querySelector('.transcript-empty');
    if (!this.shown.size && !placeholder) this.list.append(el('li', { className: 'transcript-empty', text: 'No messages yet.' }));
    if (this.shown.size && placeholder) placeholder.remove();

    this.paintSeen(context.customerReadSeq);
    if (fresh || rewritten || atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * "Seen" under the last agent message once the customer has read it.
   * @private @param {string|null|undefined} readSeq
   */
  paintSeen(readSeq) {
    this.list.querySelectorAll('.seen').forEach((node) => node.remove());
    let last = null;
    for (const item of this.shown.values()) {
      const e = item.entry;
      if (e.kind === 'message' && e.author && e.author.role === 'agent' && (!last || compareSeq(e.seq, last.entry.seq) > 0)) {
        last = item;
      }
    }
    if (last && readSeq && compareSeq(readSeq, last.entry.seq) >= 0) {
      last.element.append(el('p', { className: 'seen', text: 'Seen' }));
    }
  }
}

/**
 * @param {any} entry
 * @param {TranscriptContext} context
 * @returns {HTMLElement}
 */
function renderEntry(entry, context) {
  const time = el('time', { className: 'ts', text: formatTime(entry.ts), attrs: { datetime: isoTime(entry.ts) || null } });
  if (entry.kind === 'event') {
    return el('li', { className: 'entry event', dataset: { seq: entry.seq, type: entry.type || '' } },
      el('span', { className: 'text', text: entry.text || entry.type || '' }), ' ', time);
  }
  if (entry.kind === 'note') {
    const author = entry.author || {};
    return el('li', { className: 'entry note', dataset: { seq: entry.seq } },
      el('div', { className: 'meta' },
        el('span', { className: 'label', text: 'Private note' }),
        el('span', { className: 'author', text: author.id === context.meId ? 'You' : (author.name || 'Agent') }),
        time),
      el('div', { className: 'text', text: entry.text || '' }));
  }
  // A message (an unknown kind is shown as a message rather than dropped).
  const author = entry.author || {};
  const role = ['customer', 'bot', 'agent', 'system'].includes(author.role) ? author.role : 'system';
  const name = role === 'customer' ? context.customerName
    : role === 'bot' ? (author.name || 'Bot')
      : role === 'agent' ? (author.id && author.id === context.meId ? `${author.name || 'You'} (you)` : (author.name || 'Agent'))
        : 'System';
  const item = el('li', { className: `entry message ${role}`, dataset: { seq: entry.seq } },
    el('div', { className: 'meta' }, el('span', { className: 'author', text: name }), time),
    el('div', { className: 'text', text: entry.text || '' }));
  if (role === 'bot') {
    const citations = Array.isArray(entry.citations) ? entry.citations : [];
    if (citations.length) {
      item.append(el('ul', { className: 'citations', attrs: { 'aria-label': 'Articles cited' } },
        ...citations.map((c) => el('li', {}, externalLink(c && c.url, (c && (c.title || c.articleId)) || 'Article')))));
    }
    const confidence = formatPercent(entry.confidence);
    if (confidence) item.append(el('p', { className: 'confidence', text: `Confidence ${confidence}` }));
  }
  return item;
}
