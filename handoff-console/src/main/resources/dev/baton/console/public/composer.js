/*
 * The composer (#composer): replies (POST …/messages) or, in private-note mode, notes (POST …/notes); canned
 * replies with their placeholders filled; Enter to send; typing frames to the customer while writing a reply; a
 * reply drafted by the language model (POST …/draft) when one is configured, to edit before sending; the reply
 * coach's hints under a reply being written (reply-coach.js).
 */
import { api, conversationPath } from './api.js';
import { byId, el } from './dom.js';
import { fillPlaceholders } from './format.js';
import { ReplyCoach } from './reply-coach.js';

const MAX_TEXT = 4000;
const TYPING_IDLE_MS = 3000;

/**
 * @typedef {Object} ComposerOptions
 * @property {any} me the signed-in Agent
 * @property {(conversationId: string, typing: boolean) => void} sendTyping sends a `typing` frame
 * @property {(conversationId: string) => void} onSent after a message or note was stored
 */

export class Composer {
  /** @param {ComposerOptions} options */
  constructor(options) {
    this.me = options.me;
    this.sendTypingFrame = options.sendTyping;
    this.onSent = options.onSent;
    this.form = /** @type {HTMLFormElement} */ (byId('composer'));
    this.textarea = /** @type {HTMLTextAreaElement} */ (byId('reply-text'));
    this.sendButton = /** @type {HTMLButtonElement} */ (byId('send'));
    this.noteToggle = /** @type {HTMLInputElement} */ (byId('note-mode'));
    this.canned = /** @type {HTMLSelectElement} */ (byId('canned'));
    this.draftButton = /** @type {HTMLButtonElement} */ (byId('draft-reply'));
    this.drafting = false;
    this.error = byId('composer-error');
    /** @type {string|null} */
    this.conversationId = null;
    this.canReply = false;
    this.customerName = '';
    this.resolved = false;
    this.sending = false;
    /** @type {string|null} the conversation a `typing: true` was sent for, until `typing: false` */
    this.typingFor = null;
    this.idleTimer = 0;
    /** @type {Map<string, {text: string, note: boolean}>} unsent text per conversation */
    this.drafts = new Map();
    /** @type {{id: string, title: string, text: string}[]} */
    this.replies = [];
    this.coach = new ReplyCoach();
    this.textarea.maxLength = MAX_TEXT;
    this.bind();
    this.paint();
    api.get('/api/reply-drafts').then((status) => {
      this.draftButton.hidden = !(status && status.available);
    }, () => {});
  }

  /** @private */
  bind() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line, and the Enter that confirms an IME composition never sends
      // (keyCode 229 covers browsers that end the composition before the keydown).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => this.onInput());
    this.noteToggle.addEventListener('change', () => {
      if (this.noteToggle.checked) this.stopTyping(); // a private note is nobody's business but the agents'
      this.coachReply();
      this.paint();
      this.textarea.focus();
    });
    this.canned.addEventListener('change', () => {
      const reply = this.replies.find((r) => String(r.id) === this.canned.value);
      this.canned.value = '';
      if (reply) this.insert(fillPlaceholders(reply.text || '', { customerName: this.customerName, agentName: this.me.name }));
    });
    this.draftButton.addEventListener('click', () => this.draft());
  }

  /** @private Asks for a draft of the reply and puts it where the cursor is, for the agent to edit. */
  async draft() {
    const id = this.conversationId;
    if (!id || this.drafting || !this.enabled()) return;
    this.drafting = true;
    this.error.textContent = '';
    this.paint();
    try {
      const result = await api.post(conversationPath(id, 'draft'));
      if (this.conversationId === id && result && result.draft) this.insert(result.draft);
    } catch (e) {
      if (this.conversationId === id) this.error.textContent = `No draft: ${e.message}`;
    } finally {
      this.drafting = false;
      this.paint();
    }
  }

  /**
   * Fills the canned replies menu (GET /api/canned).
   * @param {{id: string, title: string, text: string}[]} replies
   */
  setCanned(replies) {
    this.replies = Array.isArray(replies) ? replies : [];
    this.canned.replaceChildren(
      el('option', { text: this.replies.length ? 'Canned reply…' : 'No canned replies', attrs: { value: '' } }),
      ...this.replies.map((r) => el('option', { text: r.title || r.text, attrs: { value: String(r.id) } })));
  }

  /**
   * Points the composer at a conversation (or none). Called on every render; a draft is kept per conversation.
   * @param {string|null} conversationId
   * @param {{canReply: boolean, customerName: string|null, resolved?: boolean}} [state] canReply: the agent
   *   holds it; resolved: nobody can reply until it is reopened
   */
  setConversation(conversationId, state = { canReply: false, customerName: null }) {
    const coached = `${this.conversationId}|${this.canReply}`;
    if (conversationId !== this.conversationId) {
      this.stopTyping();
      if (this.conversationId && this.textarea.value) {
        this.drafts.set(this.conversationId, { text: this.textarea.value, note: this.noteToggle.checked });
      } else if (this.conversationId) {
        this.drafts.delete(this.conversationId);
      }
      const draft = conversationId ? this.drafts.get(conversationId) : undefined;
      this.textarea.value = draft ? draft.text : '';
      this.noteToggle.checked = draft ? draft.note : false;
      this.error.textContent = '';
      this.conversationId = conversationId;
    }
    this.canReply = Boolean(state.canReply);
    this.customerName = state.customerName || '';
    this.resolved = Boolean(state.resolved);
    if (!this.canReply) this.stopTyping();
    if (`${this.conversationId}|${this.canReply}` !== coached) this.coachReply();
    this.paint();
  }

  /**
   * Asks the coach about the reply being written; a note, or a conversation the agent can't reply in, gets none.
   * @private @param {boolean} [inserted] text was put in whole (a draft, a canned reply): hints at once
   */
  coachReply(inserted = false) {
    if (this.conversationId && this.canReply && !this.noteToggle.checked) {
      this.coach.update(this.conversationId, this.textarea.value, inserted);
    } else {
      this.coach.reset();
    }
  }

  /** @private */
  enabled() {
    return Boolean(this.conversationId) && (this.noteToggle.checked || this.canReply);
  }

  /** @private */
  paint() {
    const note = this.noteToggle.checked;
    const enabled = this.enabled();
    this.form.classList.toggle('note-mode', note);
    this.textarea.disabled = !enabled;
    this.canned.disabled = !enabled;
    this.draftButton.disabled = !enabled || note || this.drafting;
    this.draftButton.textContent = this.drafting ? 'Drafting…' : 'Draft reply';
    this.noteToggle.disabled = !this.conversationId;
    this.sendButton.disabled = !enabled || this.sending;
    this.sendButton.textContent = note ? 'Add note' : 'Send';
    this.textarea.placeholder = note ? 'Private note: only agents see it'
      : this.canReply ? 'Reply to the customer (Enter to send, Shift+Enter for a new line)'
        : this.resolved ? 'Resolved: reopen the conversation to reply, or switch on "Private note"'
          : 'Claim the conversation to reply, or switch on "Private note"';
  }

  /** @private @param {boolean} [inserted] the change was a whole text put in, not typing */
  onInput(inserted = false) {
    this.coachReply(inserted);
    if (!this.conversationId || this.noteToggle.checked || !this.canReply) return;
    if (!this.textarea.value) {
      this.stopTyping();
      return;
    }
    if (this.typingFor !== this.conversationId) {
      this.stopTyping();
      this.typingFor = this.conversationId;
      this.sendTypingFrame(this.conversationId, true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  /** Sends `typing: false` if `typing: true` was sent. */
  stopTyping() {
    clearTimeout(this.idleTimer);
    if (this.typingFor) {
      const id = this.typingFor;
      this.typingFor = null;
      this.sendTypingFrame(id, false);
    }
  }

  /** @private @param {string} text */
  insert(text) {
    const ta = this.textarea;
    ta.focus();
    ta.setRangeText(text, ta.selectionStart ?? ta.value.length, ta.selectionEnd ?? ta.value.length, 'end');
    this.onInput(true);
  }

  /** @private */
  async submit() {
    const id = this.conversationId;
    const note = this.noteToggle.checked;
    const text = this.textarea.value.trim();
    if (!id || !text || this.sending || !this.enabled()) return;
    if (text.length > MAX_TEXT) {
      this.error.textContent = 'A message may hold at most 4,000 characters.';
      return;
    }
    this.stopTyping();
    this.sending = true;
    this.error.textContent = '';
    this.paint();
    try {
      // A reply says which coach hints the agent dismissed: the rest count as sent open (docs/kpis.md).
      await api.post(conversationPath(id, note ? 'notes' : 'messages'),
        note ? { text } : { text, dismissedHints: this.coach.dismissedCodes() });
      this.drafts.delete(id);
      if (this.conversationId === id) {
        this.textarea.value = '';
        this.coach.reset();
      }
      this.onSent(id);
    } catch (e) {
      if (this.conversationId === id) {
        this.error.textContent = e.error === 'not_yours'
          ? 'Only the agent holding this conversation can reply. Claim it first, or write a private note.'
          : `Not sent: ${e.message}`;
      }
    } finally {
      this.sending = false;
      this.paint();
      if (!this.textarea.disabled) this.textarea.focus();
    }
  }
}
