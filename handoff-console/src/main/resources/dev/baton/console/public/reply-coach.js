/*
 * The reply coach under the composer (#reply-hints): while an agent writes a reply, gentle hints where it lacks what
 * the best human replies have (a greeting and the customer's name, owning the problem, a next step, the agent's
 * name, readable punctuation). The rules live on the server, in one place (POST …/coach, asked a moment after the
 * agent stops typing); this module only shows what it answers. Each hint can be dismissed, and the agent can always
 * send anyway. The list is a polite live region: a screen reader hears a hint when it appears, not at every key.
 */
import { api, conversationPath } from './api.js';
import { byId, clear, el } from './dom.js';

const DEBOUNCE_MS = 400;

/** @typedef {{code: string, message: string}} Hint */

export class ReplyCoach {
  constructor() {
    this.box = byId('reply-hints');
    /** @type {string|null} */
    this.conversationId = null;
    this.timer = 0;
    /** Answers to older texts are dropped: only the latest ask paints. */
    this.ticket = 0;
    /** @type {Hint[]} the server's latest hints */
    this.hints = [];
    /** @type {Set<string>} codes the agent dismissed for the reply being written */
    this.dismissed = new Set();
    this.painted = '';
  }

  /**
   * The reply being written changed; hints follow once the agent pauses, or at once for text put in whole (a
   * draft, a canned reply). Text that is blank, or no conversation, clears them.
   * @param {string|null} conversationId
   * @param {string} text
   * @param {boolean} [whole] the text was inserted, not typed: nothing more is coming to wait for
   */
  update(conversationId, text, whole = false) {
    clearTimeout(this.timer);
    const ticket = ++this.ticket;
    if (conversationId !== this.conversationId) {
      this.conversationId = conversationId;
      this.dismissed.clear();
    }
    if (!conversationId || !text.trim()) {
      this.show([]);
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        const answer = await api.post(conversationPath(conversationId, 'coach'), { text });
        if (ticket === this.ticket) this.show(Array.isArray(answer && answer.hints) ? answer.hints : []);
      } catch (e) {
        if (ticket === this.ticket) this.show([]); // a help, never in the way: no hints rather than an error
      }
    }, whole ? 0 : DEBOUNCE_MS);
  }

  /** The codes of the hints the agent dismissed for the reply being written. @returns {string[]} */
  dismissedCodes() {
    return [...this.dismissed];
  }

  /** No hints, and dismissals forgotten: after a send, or while the agent cannot reply. */
  reset() {
    clearTimeout(this.timer);
    this.ticket++;
    this.dismissed.clear();
    this.show([]);
  }

  /** @private @param {Hint[]} hints */
  show(hints) {
    this.hints = hints;
    const open = hints.filter((hint) => !this.dismissed.has(hint.code));
    const key = JSON.stringify(open);
    if (key === this.painted) return; // unchanged: nothing new is announced
    this.painted = key;
    clear(this.box);
    if (open.length === 0) return;
    this.box.append(
      el('p', { className: 'reply-hints-title', text: 'Before you send (you can send anyway):' }),
      el('ul', {}, ...open.map((hint) => el('li', { dataset: { code: hint.code } },
        el('span', { className: 'reply-hint-text', text: hint.message }),
        this.dismissButton(hint)))));
  }

  /** @private @param {Hint} hint */
  dismissButton(hint) {
    const button = el('button', {
      className: 'reply-hint-dismiss', text: '×',
      attrs: { type: 'button', title: 'Dismiss this hint', 'aria-label': `Dismiss hint: ${hint.message}` },
    });
    button.addEventListener('click', () => {
      this.dismissed.add(hint.code);
      this.show(this.hints);
      byId('reply-text').focus();
    });
    return button;
  }
}
