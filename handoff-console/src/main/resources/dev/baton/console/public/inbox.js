/*
 * The left column: the views with their counts, the filters and search, and the list of conversations.
 *
 * The list is the server's answer to GET /api/conversations, kept current by `event` frames: each event carries
 * the conversation's summary after it, so a row is updated, moved or removed locally with the same rule the
 * server uses for the view (matchesView + the filters) and the list re-sorted. The counts cannot be derived
 * from one summary (the previous state of a conversation outside the list is unknown), so whenever an event may
 * change them the list is reconciled with a debounced fetch, which brings the server's counts.
 */
import { api } from './api.js';
import { byId, el, fill } from './dom.js';
import { customerName, languageLabel, reasonLabel, toMillis } from './format.js';
import { bindTimer, timerLabel, timerSpec } from './timers.js';

/** @typedef {'waiting'|'mine'|'open'|'bot'|'resolved'} View */

export const VIEWS = /** @type {View[]} */ (['waiting', 'mine', 'open', 'bot', 'resolved']);
const LIMIT = 50;
const SEARCH_DEBOUNCE_MS = 300;
const RECONCILE_DEBOUNCE_MS = 300;
const VIEW_KEY = 'baton.console.view';

/**
 * Whether a conversation belongs in a view (the server's rule, applied to live updates).
 * @param {View} view
 * @param {any} summary
 * @param {string} meId
 * @returns {boolean}
 */
export function matchesView(view, summary, meId) {
  switch (view) {
    case 'waiting': return summary.owner === 'waiting';
    case 'mine': return summary.owner === 'agent' && Boolean(summary.assignee) && summary.assignee.id === meId;
    case 'open': return summary.owner === 'waiting' || summary.owner === 'agent';
    case 'bot': return summary.owner === 'bot';
    case 'resolved': return summary.owner === 'resolved';
    default: return false;
  }
}

/**
 * Sorts like the server: waiting is high priority first then longest waiting; resolved newest resolved first;
 * the others newest activity first.
 * @param {View} view
 * @param {any[]} rows
 */
function sortRows(view, rows) {
  const ms = (value) => toMillis(value) ?? 0;
  const high = (s) => (s.priority === 'high' ? 1 : 0);
  if (view === 'waiting') {
    rows.sort((a, b) => high(b) - high(a) || ms(a.handedOffAt) - ms(b.handedOffAt));
  } else if (view === 'resolved') {
    rows.sort((a, b) => ms(b.resolvedAt) - ms(a.resolvedAt));
  } else {
    rows.sort((a, b) => ms(b.updatedAt) - ms(a.updatedAt));
  }
}

/** @param {any} summary @returns {string} what decides the counts: owner and assignee */
const placeKey = (summary) => `${summary.owner}|${summary.assignee ? summary.assignee.id : ''}`;

export class Inbox {
  /**
   * @param {{me: any, onCounts?: (counts: Record<string, number>) => void}} options
   */
  constructor(options) {
    this.me = options.me;
    this.onCounts = options.onCounts || (() => {});
    /** @type {View} */
    this.view = 'waiting';
    try {
      const saved = sessionStorage.getItem(VIEW_KEY);
      if (saved && VIEWS.includes(/** @type {View} */ (saved))) this.view = /** @type {View} */ (saved);
    } catch (e) { /* storage blocked */ }
    this.filters = { team: '', reason: '', language: '', q: '' };
    /** @type {any[]} the summaries shown, in order */
    this.rows = [];
    /** @type {Map<string, HTMLLIElement>} */
    this.elements = new Map();
    /** @type {Map<string, string>} id → placeKey of every conversation seen */
    this.places = new Map();
    /** @type {Map<string, string>} team id → name */
    this.teamNames = new Map();
    /** @type {string|null} */
    this.activeId = null;
    this.requestNo = 0;
    this.inFlight = 0;
    this.reconcileTimer = 0;
    this.searchTimer = 0;

    this.list = byId('conversation-list');
    this.emptyNote = byId('list-empty');
    this.listError = byId('list-error');
    this.teamSelect = /** @type {HTMLSelectElement} */ (byId('filter-team'));
    this.reasonSelect = /** @type {HTMLSelectElement} */ (byId('filter-reason'));
    this.languageSelect = /** @type {HTMLSelectElement} */ (byId('filter-language'));
    this.search = /** @type {HTMLInputElement} */ (byId('search'));
    this.bind();
    this.paintViewButtons();
  }

  /** @private */
  bind() {
    for (const button of document.querySelectorAll('button[data-view]')) {
      button.addEventListener('click', () => this.setView(/** @type {View} */ (button.getAttribute('data-view'))));
    }
    const onFilter = () => {
      this.filters.team = this.teamSelect.value;
      this.filters.reason = this.reasonSelect.value;
      this.filters.language = this.languageSelect.value;
      this.load();
    };
    this.teamSelect.addEventListener('change', onFilter);
    this.reasonSelect.addEventListener('change', onFilter);
    this.languageSelect.addEventListener('change', onFilter);
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        const q = this.search.value.trim();
        if (q === this.filters.q) return;
        this.filters.q = q;
        this.load();
      }, SEARCH_DEBOUNCE_MS);
    });
  }

  /** @param {View} view */
  setView(view) {
    if (!VIEWS.includes(view)) return;
    this.view = view;
    try { sessionStorage.setItem(VIEW_KEY, view); } catch (e) { /* storage blocked */ }
    this.paintViewButtons();
    this.rows = [];
    this.render();
    this.load();
  }

  /** @private */
  paintViewButtons() {
    for (const button of document.querySelectorAll('button[data-view]')) {
      const on = button.getAttribute('data-view') === this.view;
      button.classList.toggle('active', on);
      button.setAttribute('aria-pressed', String(on));
    }
  }

  /**
   * Fills the team filter (GET /api/teams).
   * @param {any[]} teams
   */
  setTeams(teams) {
    this.teamNames = new Map(teams.map((team) => [team.id, team.name || team.id]));
    const current = this.teamSelect.value;
    this.teamSelect.replaceChildren(el('option', { text: 'All teams', attrs: { value: '' } }),
      ...teams.map((team) => el('option', { text: team.name || team.id, attrs: { value: team.id } })));
    this.teamSelect.value = this.teamNames.has(current) ? current : '';
    this.filters.team = this.teamSelect.value;
    // Team names show in the rows: repaint them.
    for (const li of this.elements.values()) {
      const link = /** @type {HTMLElement|null} */ (li.firstElementChild);
      if (link) delete link.dataset.key;
    }
    this.render();
  }

  /** Fetches the current view with the current filters. Older answers that come back late are dropped. */
  async load() {
    clearTimeout(this.reconcileTimer);
    const requestNo = ++this.requestNo;
    const params = new URLSearchParams({ view: this.view, limit: String(LIMIT) });
    for (const name of /** @type {const} */ (['team', 'reason', 'language', 'q'])) {
      if (this.filters[name]) params.set(name, this.filters[name]);
    }
    this.inFlight += 1;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const data = await api.get(`/api/conversations?${params}`);
      if (requestNo !== this.requestNo) return;
      this.listError.textContent = '';
      this.rows = Array.isArray(data && data.conversations) ? data.conversations.slice() : [];
      this.rows.forEach((summary) => this.remember(summary));
      this.setCounts((data && data.counts) || {});
      this.render();
    } catch (e) {
      if (requestNo === this.requestNo && e.status !== 401) {
        this.listError.textContent = `Could not load conversations: ${e.message}`;
      }
    } finally {
      this.inFlight -= 1;
      if (!this.inFlight) this.list.removeAttribute('aria-busy');
    }
  }

  /** @private */
  scheduleReconcile() {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => this.load(), RECONCILE_DEBOUNCE_MS);
  }

  /**
   * An `event` frame: updates, moves or removes the row at once, then reconciles counts when they may change.
   * @param {{conversationId: string, summary?: any}} event
   */
  applyEvent(event) {
    const summary = event.summary;
    if (!summary || !summary.id) {
      this.scheduleReconcile();
      return;
    }
    const before = this.places.get(summary.id);
    // A move between views changes the counts; a fetch under way may also answer from before this event.
    if (before !== placeKey(summary) || this.inFlight) this.scheduleReconcile();
    this.applySummary(summary);
  }

  /**
   * A fresher summary of one conversation (from an event or an action's answer).
   * @param {any} summary
   */
  applySummary(summary) {
    this.remember(summary);
    const index = this.rows.findIndex((row) => row.id === summary.id);
    if (this.belongs(summary)) {
      if (index >= 0) this.rows[index] = summary; else this.rows.push(summary);
      sortRows(this.view, this.rows);
      if (this.rows.length > LIMIT) this.rows.length = LIMIT;
    } else if (index >= 0) {
      this.rows.splice(index, 1);
    } else {
      return;
    }
    this.render();
  }

  /** @private @param {any} summary */
  remember(summary) {
    this.places.set(summary.id, placeKey(summary));
    if (summary.language) this.addLanguage(summary.language);
  }

  /** @private @param {any} summary */
  belongs(summary) {
    if (!matchesView(this.view, summary, this.me.id)) return false;
    const f = this.filters;
    if (f.team && summary.team !== f.team) return false;
    if (f.reason && summary.reason !== f.reason) return false;
    if (f.language && summary.language !== f.language) return false;
    if (f.q) {
      const q = f.q.toLowerCase();
      const c = summary.customer || {};
      if (!`${c.name || ''}`.toLowerCase().includes(q) && !`${c.email || ''}`.toLowerCase().includes(q)) return false;
    }
    return true;
  }

  /** The language filter offers the languages seen so far, besides those in index.html. @private */
  addLanguage(code) {
    if ([...this.languageSelect.options].some((option) => option.value === code)) return;
    this.languageSelect.append(el('option', { text: languageLabel(code), attrs: { value: code } }));
  }

  /** @param {Record<string, number>} counts */
  setCounts(counts) {
    for (const view of VIEWS) {
      const target = document.querySelector(`button[data-view="${view}"] .count`);
      if (target) target.textContent = typeof counts[view] === 'number' ? String(counts[view]) : '';
    }
    this.onCounts(counts);
  }

  /**
   * Marks the open conversation's row.
   * @param {string|null} id
   */
  setActive(id) {
    this.activeId = id;
    for (const [rowId, li] of this.elements) this.paintActive(li, rowId === id);
  }

  /** @private @param {HTMLLIElement} li @param {boolean} on */
  paintActive(li, on) {
    const link = /** @type {HTMLElement} */ (li.firstElementChild);
    link.classList.toggle('active', on);
    if (on) link.setAttribute('aria-current', 'true'); else link.removeAttribute('aria-current');
  }

  /**
   * Brings the list in line with this.rows, reusing each conversation's element (moving it only when out of
   * place) so focus and scroll position survive live updates.
   * @private
   */
  render() {
    const keep = new Set(this.rows.map((row) => row.id));
    for (const [id, li] of this.elements) {
      if (!keep.has(id)) {
        li.remove();
        this.elements.delete(id);
      }
    }
    this.rows.forEach((summary, index) => {
      let li = this.elements.get(summary.id);
      if (!li) {
        li = /** @type {HTMLLIElement} */ (el('li', { className: 'conversation-row' }));
        this.elements.set(summary.id, li);
      }
      this.fillRow(li, summary);
      const at = this.list.children[index];
      if (at !== li) this.list.insertBefore(li, at || null);
    });
    this.emptyNote.hidden = this.rows.length > 0;
  }

  /**
   * Fills a row. The link element itself is kept (only its attributes and contents change) so that focus, and
   * a reference a test or a screen reader holds, survive live updates; an unchanged summary is not repainted.
   * @private @param {HTMLLIElement} li @param {any} s
   */
  fillRow(li, s) {
    let link = /** @type {HTMLAnchorElement|null} */ (li.firstElementChild);
    if (!link) {
      link = /** @type {HTMLAnchorElement} */ (el('a', { className: 'conversation-item' }));
      li.append(link);
    }
    const key = JSON.stringify(s);
    if (link.dataset.key === key) return;
    link.dataset.key = key;
    link.dataset.id = s.id;
    link.dataset.owner = s.owner || '';
    link.href = `#/c/${encodeURIComponent(s.id)}`;
    // Priority orders the open work; once resolved it is history, not a red flag.
    const open = s.owner === 'waiting' || s.owner === 'agent';
    link.classList.toggle('high', open && s.priority === 'high');

    const spec = timerSpec(s);
    const timer = el('span', { className: 'timer' });
    bindTimer(timer, spec);
    const assignee = s.assignee ? (s.assignee.id === this.me.id ? 'You' : s.assignee.name)
      : (s.owner === 'bot' ? 'Bot' : (s.owner === 'waiting' ? 'Unassigned' : ''));
    fill(link,
      el('span', { className: 'row-top' },
        el('span', { className: 'name', text: customerName(s.customer) }),
        s.unread > 0 ? el('span', { className: 'unread', text: s.unread, attrs: { title: `${s.unread} unread` } }) : null,
        el('span', { className: 'timer-box' },
          spec ? el('span', { className: 'timer-label', text: timerLabel(spec) }) : null,
          timer)),
      el('span', { className: 'row-tags' },
        s.reason ? el('span', { className: 'reason', text: reasonLabel(s.reason) }) : null,
        open && s.priority ? el('span', { className: `priority ${s.priority}`, text: s.priority === 'high' ? 'High' : 'Normal' }) : null,
        s.team ? el('span', { className: 'team', text: this.teamNames.get(s.team) || s.team }) : null,
        s.language ? el('span', { className: 'language', text: s.language }) : null),
      el('span', { className: 'preview', text: s.preview || '' }),
      assignee ? el('span', { className: 'assignee', text: assignee }) : null);
    this.paintActive(li, s.id === this.activeId);
  }
}
