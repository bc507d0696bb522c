/*
 * The open conversation (#conversation): header and actions (claim, transfer, return to bot, resolve, reopen),
 * the transcript, the handoff card, the customer sidebar and the composer. It always shows the server's copy:
 * after an action, and whenever an `event` frame concerns it, the conversation is fetched again (coalesced, so a
 * burst of events makes at most one request in flight and one after it).
 */
import { api, conversationPath } from './api.js';
import { byId, el, fill } from './dom.js';
import { compareSeq, customerName } from './format.js';
import { Transcript } from './transcript.js';
import { renderHandoff } from './handoff-card.js';
import { renderCustomer } from './customer-panel.js';
import { Composer } from './composer.js';

const TYPING_TIMEOUT_MS = 10000;

/**
 * @typedef {Object} Directory what the view needs to know of the team
 * @property {() => any[]} agents
 * @property {() => any[]} teams
 * @property {() => Promise<void>} reloadAgents fetches GET /api/agents again (for current presence)
 */

/**
 * @typedef {Object} ConversationOptions
 * @property {any} me the signed-in Agent
 * @property {Directory} directory
 * @property {(conversationId: string, typing: boolean) => void} sendTyping
 * @property {(summary: any) => void} onSummary a fresher Summary of a conversation (for the list)
 * @property {(conversationId: string) => void} onClaimed this agent just claimed it (the list follows it to Mine)
 */

export class ConversationView {
  /** @param {ConversationOptions} options */
  constructor(options) {
    this.me = options.me;
    this.directory = options.directory;
    this.onSummary = options.onSummary;
    this.onClaimed = options.onClaimed;
    /** @type {string|null} */
    this.id = null;
    /** @type {any|null} the last Conversation shown */
    this.conversation = null;
    this.loading = false;
    this.again = false;
    this.busy = false;
    /** @type {Map<string, string>} conversation id → last seq posted to /read */
    this.readSeqs = new Map();
    this.typingTimer = 0;
    this.focusReplyAfterRefresh = false;

    this.section = byId('conversation');
    this.emptyState = byId('empty-state');
    this.title = byId('conversation-title');
    this.owner = byId('conversation-owner');
    this.buttons = {
      claim: /** @type {HTMLButtonElement} */ (byId('claim')),
      transfer: /** @type {HTMLButtonElement} */ (byId('transfer')),
      returnToBot: /** @type {HTMLButtonElement} */ (byId('return-to-bot')),
      resolve: /** @type {HTMLButtonElement} */ (byId('resolve')),
      reopen: /** @type {HTMLButtonElement} */ (byId('reopen')),
    };
    this.claimError = byId('claim-error');
    this.actionError = byId('action-error');
    this.transferForm = /** @type {HTMLFormElement} */ (byId('transfer-form'));
    this.transferTarget = /** @type {HTMLSelectElement} */ (byId('transfer-target'));
    this.transferNote = /** @type {HTMLTextAreaElement} */ (byId('transfer-note'));
    this.transferError = byId('transfer-error');
    this.typing = byId('customer-typing');
    this.handoffCard = byId('handoff-card');
    this.customerPanel = byId('customer');
    this.body = byId('conversation-body');
    this.transcript = new Transcript(byId('transcript'));
    this.composer = new Composer({
      me: this.me,
      sendTyping: options.sendTyping,
      onSent: (id) => { if (id === this.id) this.refresh(); },
    });
    this.bind();
  }

  /** @private */
  bind() {
    const b = this.buttons;
    b.claim.addEventListener('click', () => this.act('claim'));
    b.returnToBot.addEventListener('click', () => this.act('return-to-bot'));
    b.resolve.addEventListener('click', () => this.act('resolve'));
    b.reopen.addEventListener('click', () => this.act('reopen'));
    b.transfer.addEventListener('click', () => this.toggleTransfer(this.transferForm.hidden));
    this.transferForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.transfer();
    });
    byId('transfer-cancel').addEventListener('click', () => this.toggleTransfer(false, true));
    this.transferForm.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.toggleTransfer(false, true);
    });
    // Reading is reported only while the page is seen; a hidden tab reports when it is shown again.
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this.markRead(); });
  }

  /**
   * Shows a conversation (from the URL hash #/c/<id>).
   * @param {string} id
   */
  open(id) {
    this.focusReplyAfterRefresh = false;
    if (id === this.id) {
      this.refresh();
      return;
    }
    this.id = id;
    this.conversation = null;
    this.transcript.reset();
    this.toggleTransfer(false);
    this.claimError.textContent = '';
    this.actionError.textContent = '';
    this.hideTyping();
    this.section.hidden = false;
    this.emptyState.hidden = true;
    this.body.hidden = false;
    this.title.textContent = 'Loading…';
    this.owner.textContent = '';
    renderHandoff(this.handoffCard, null, {});
    this.customerPanel.replaceChildren();
    this.paintActions(null);
    this.composer.setConversation(id, { canReply: false, customerName: null });
    this.refresh();
  }

  /** Shows nothing (no conversation in the URL). */
  close() {
    this.id = null;
    this.conversation = null;
    this.transcript.reset();
    this.toggleTransfer(false);
    this.hideTyping();
    this.composer.setConversation(null);
    this.section.hidden = true;
    this.emptyState.hidden = false;
  }

  /** Fetches the open conversation again; calls made while a fetch is under way lead to one more fetch. */
  async refresh() {
    if (!this.id) return;
    if (this.loading) {
      this.again = true;
      return;
    }
    const id = this.id;
    this.loading = true;
    try {
      const conversation = await api.get(conversationPath(id));
      if (id === this.id && conversation && conversation.summary) this.render(conversation);
    } catch (e) {
      if (id === this.id) this.showLoadError(e);
    } finally {
      this.loading = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    }
  }

  /** @private @param {any} conversation */
  render(conversation) {
    this.conversation = conversation;
    const summary = conversation.summary;
    const customer = conversation.customer || summary.customer || {};
    const name = customerName(customer);
    this.body.hidden = false;
    this.title.textContent = name;
    this.owner.textContent = this.ownerText(summary);
    this.paintActions(summary);
    this.transcript.update(this.id || summary.id, Array.isArray(conversation.transcript) ? conversation.transcript : [], {
      customerName: name,
      customerReadSeq: summary.customerReadSeq,
      meId: this.me.id,
    });
    renderHandoff(this.handoffCard, conversation.handoff, summary);
    renderCustomer(this.customerPanel, customer, conversation.previous);
    this.composer.setConversation(this.id, { canReply: this.holds(summary), customerName: customer.name || null,
      resolved: summary.owner === 'resolved' });
    if (this.focusReplyAfterRefresh && this.holds(summary)) {
      // Just claimed or reopened: the agent's next move is to write.
      this.focusReplyAfterRefresh = false;
      byId('reply-text').focus();
    }
    this.onSummary(summary);
    this.markRead();
  }

  /** @private @param {any} error */
  showLoadError(error) {
    if (error.status === 401) return; // the app goes back to the login form
    this.conversation = null;
    this.title.textContent = error.status === 404 ? 'Conversation not found' : 'Could not load the conversation';
    this.owner.textContent = '';
    this.actionError.textContent = error.status === 404 ? 'There is no such conversation.' : error.message;
    this.body.hidden = true;
    this.paintActions(null);
    this.composer.setConversation(this.id, { canReply: false, customerName: null });
  }

  /** @private @param {any} summary @returns {boolean} whether this agent holds the conversation */
  holds(summary) {
    return Boolean(summary) && summary.owner === 'agent' && Boolean(summary.assignee) && summary.assignee.id === this.me.id;
  }

  /** @private @param {any} s */
  ownerText(s) {
    switch (s.owner) {
      case 'bot': return 'With the bot';
      case 'waiting': {
        const team = s.team && this.directory.teams().find((t) => t.id === s.team);
        return `Waiting for an agent${s.team ? ` in ${team ? team.name : s.team}` : ''}`;
      }
      case 'agent':
        if (!s.assignee) return 'Assigned';
        return s.assignee.id === this.me.id ? 'Assigned to you' : `Assigned to ${s.assignee.name}`;
      case 'resolved':
        return s.assignee ? `Resolved (was with ${s.assignee.id === this.me.id ? 'you' : s.assignee.name})` : 'Resolved';
      default: return '';
    }
  }

  /**
   * Which actions apply. Claim: from the bot or the queue, or held by someone else (the server then answers 409
   * and we say who holds it). The rest need the conversation to be yours (or you an admin), or still waiting.
   * @private @param {any|null} s
   */
  paintActions(s) {
    const b = this.buttons;
    const mine = this.holds(s);
    const admin = this.me.role === 'admin';
    const owner = s ? s.owner : null;
    const open = owner === 'waiting' || owner === 'agent';
    const mayManage = open && (mine || admin || owner === 'waiting');
    b.claim.hidden = !(owner === 'bot' || owner === 'waiting' || (owner === 'agent' && !mine));
    b.transfer.hidden = !mayManage;
    b.returnToBot.hidden = !mayManage;
    b.resolve.hidden = !mayManage;
    b.reopen.hidden = owner !== 'resolved';
    for (const button of Object.values(b)) button.disabled = this.busy || !s;
    if (b.transfer.hidden) this.toggleTransfer(false);
  }

  /**
   * POSTs an action (claim, return-to-bot, resolve, reopen) and shows the result.
   * @private @param {'claim'|'return-to-bot'|'resolve'|'reopen'} action
   */
  async act(action) {
    const id = this.id;
    if (!id || this.busy) return;
    this.claimError.textContent = '';
    this.actionError.textContent = '';
    this.busy = true;
    this.paintActions(this.conversation && this.conversation.summary);
    try {
      const summary = await api.post(conversationPath(id, action));
      if (summary && summary.id) this.onSummary(summary);
      if (action === 'claim' || action === 'reopen') this.focusReplyAfterRefresh = true;
      if (action === 'claim' && id === this.id) this.onClaimed(id);
    } catch (e) {
      if (id !== this.id) return;
      if (e.status === 409 && e.error === 'claimed') {
        this.claimError.textContent = `Claimed by ${(e.heldBy && e.heldBy.name) || 'another agent'}`;
      } else if (e.status === 409 && e.error === 'state') {
        (action === 'claim' ? this.claimError : this.actionError).textContent =
          'This conversation is resolved: reopen it first.';
      } else if (e.status !== 401) {
        (action === 'claim' ? this.claimError : this.actionError).textContent = e.message;
      }
    } finally {
      this.busy = false;
      if (id === this.id) {
        this.paintActions(this.conversation && this.conversation.summary);
        await this.refresh();
      }
    }
  }

  /**
   * Opens or closes the transfer form; opening lists the agents (fresh presence) and teams.
   * @private @param {boolean} show @param {boolean} [returnFocus]
   */
  toggleTransfer(show, returnFocus = false) {
    this.transferForm.hidden = !show;
    this.buttons.transfer.setAttribute('aria-expanded', String(show));
    this.transferError.textContent = '';
    if (!show) {
      if (returnFocus) this.buttons.transfer.focus();
      return;
    }
    this.transferNote.value = '';
    this.fillTransferTargets();
    this.transferTarget.focus();
    this.directory.reloadAgents().then(() => { if (!this.transferForm.hidden) this.fillTransferTargets(); }, () => {});
  }

  /** @private */
  fillTransferTargets() {
    const selected = this.transferTarget.value;
    const agents = this.directory.agents().filter((a) => a.id !== this.me.id);
    const teams = this.directory.teams();
    fill(this.transferTarget,
      el('option', { text: 'Choose an agent or a team', attrs: { value: '' } }),
      agents.length ? el('optgroup', { attrs: { label: 'Agents' } }, ...agents.map((a) => el('option', {
        text: `${a.name}${a.presence && a.presence !== 'online' ? ` (${a.presence})` : ''}`,
        attrs: { value: `agent:${a.id}` },
      }))) : null,
      teams.length ? el('optgroup', { attrs: { label: 'Teams' } }, ...teams.map((t) => el('option', {
        text: `${t.name}${t.open === false ? ' (closed)' : ''}`,
        attrs: { value: `team:${t.id}` },
      }))) : null,
    );
    this.transferTarget.value = selected;
    if (this.transferTarget.value !== selected) this.transferTarget.value = '';
  }

  /** @private */
  async transfer() {
    const id = this.id;
    const target = this.transferTarget.value;
    if (!id || !target) {
      this.transferError.textContent = 'Choose an agent or a team.';
      return;
    }
    const split = target.indexOf(':');
    const kind = target.slice(0, split);
    const value = target.slice(split + 1);
    /** @type {{agentId?: string, team?: string, note?: string}} */
    const body = kind === 'agent' ? { agentId: value } : { team: value };
    const note = this.transferNote.value.trim();
    if (note) body.note = note;
    const submit = /** @type {HTMLButtonElement} */ (byId('transfer-submit'));
    submit.disabled = true;
    try {
      const summary = await api.post(conversationPath(id, 'transfer'), body);
      if (summary && summary.id) this.onSummary(summary);
      if (id === this.id) this.toggleTransfer(false, true);
      await this.refresh();
    } catch (e) {
      if (id === this.id && e.status !== 401) this.transferError.textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  }

  /**
   * A `typing` frame: "<name> is typing…" while the customer writes (hidden after a while without news).
   * @param {{conversationId: string, who?: string, typing: boolean}} frame
   */
  showTyping(frame) {
    if (frame.conversationId !== this.id || (frame.who && frame.who !== 'customer')) return;
    clearTimeout(this.typingTimer);
    if (!frame.typing) {
      this.hideTyping();
      return;
    }
    const customer = this.conversation && (this.conversation.customer || this.conversation.summary.customer);
    this.typing.textContent = `${customerName(customer)} is typing…`;
    this.typing.hidden = false;
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_TIMEOUT_MS);
  }

  /** @private */
  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
    this.typing.textContent = '';
  }

  /**
   * Tells the server the agent has read up to the last entry shown, once per new last seq.
   * @private
   */
  markRead() {
    const id = this.id;
    const seq = this.transcript.lastSeq;
    if (!id || !seq || document.hidden) return;
    const done = this.readSeqs.get(id);
    if (done && compareSeq(seq, done) <= 0) return; // also what stops read → event → refresh → read loops
    this.readSeqs.set(id, seq);
    api.post(conversationPath(id, 'read'), { seq }).catch(() => {
      if (this.readSeqs.get(id) === seq) this.readSeqs.delete(id); // try again on the next render
    });
  }

  /** Stops the typing frames (logout). */
  stop() {
    this.composer.stopTyping();
  }
}
