/*
 * The KPI dashboard for admins (#/kpis): a date range, tiles with the headline numbers, and one chart per KPI with
 * a "Download CSV" link each (GET /api/kpis and /api/kpis/{chart}.csv, docs/kpis.md). The charts are Chart.js,
 * served by Baton from its WebJar (vendor/chartjs/), loaded only when the dashboard is first opened.
 * While the dashboard shows, the inbox layout is hidden; any other hash brings the inbox back.
 */
import { api } from './api.js';
import { byId, clear, el } from './dom.js';
import { counted, formatDuration, formatPercent, reasonLabel } from './format.js';

const HASH = '#/kpis';
const CHART_JS = 'vendor/chartjs/chart.umd.min.js';
const COLORS = { blue: '#2457d6', green: '#1e7e4a', red: '#c0392b', amber: '#f5b301', grey: '#7b8794' };
const MAX_ARTICLES = 15;

/** @type {Promise<any>|null} */
let chartJs = null;

/** Loads Chart.js once (a classic script that sets window.Chart). @returns {Promise<any>} */
function loadChartJs() {
  const w = /** @type {any} */ (window);
  if (w.Chart) return Promise.resolve(w.Chart);
  if (!chartJs) {
    chartJs = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => resolve(w.Chart);
      script.onerror = () => { chartJs = null; reject(new Error('Chart.js could not be loaded.')); };
      document.head.append(script);
    });
  }
  return chartJs;
}

/** @param {Date} date @returns {string} YYYY-MM-DD in the browser's zone */
function isoDay(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** @param {number|null|undefined} ms @returns {string} */
function duration(ms) {
  return typeof ms === 'number' ? formatDuration(ms) : '—';
}

/** @param {number|null|undefined} ms @returns {number|null} minutes with one decimal, for chart axes */
function minutes(ms) {
  return typeof ms === 'number' ? Math.round(ms / 6000) / 10 : null;
}

/**
 * Adds the dashboard for an admin: the "KPIs" link in the top bar and the view behind #/kpis. Agents get nothing
 * (the API refuses them anyway).
 * @param {any} me the signed-in Agent
 */
export function setUpKpis(me) {
  if (!me || me.role !== 'admin') return;
  const link = byId('kpis-link');
  const section = byId('kpis');
  const layout = /** @type {HTMLElement} */ (document.querySelector('#app .layout'));
  link.hidden = false;

  const today = new Date();
  const monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const from = /** @type {HTMLInputElement} */ (el('input', { attrs: { id: 'kpis-from', type: 'date', required: true, value: isoDay(monthAgo) } }));
  const to = /** @type {HTMLInputElement} */ (el('input', { attrs: { id: 'kpis-to', type: 'date', required: true, value: isoDay(today) } }));
  const tz = /** @type {HTMLInputElement} */ (el('input', { attrs: { id: 'kpis-tz', type: 'text', required: true, value: zone, spellcheck: 'false' } }));
  const error = el('p', { className: 'error', attrs: { id: 'kpis-error', role: 'alert' } });
  const tiles = el('div', { className: 'kpi-tiles', attrs: { id: 'kpi-tiles' } });
  const charts = el('div', { className: 'kpi-charts' });
  const form = el('form', { className: 'kpi-range', attrs: { id: 'kpis-form' } },
    el('label', { attrs: { for: 'kpis-from' } }, 'From'), from,
    el('label', { attrs: { for: 'kpis-to' } }, 'To'), to,
    el('label', { attrs: { for: 'kpis-tz' } }, 'Time zone'), tz,
    el('button', { className: 'primary', text: 'Show', attrs: { type: 'submit' } }));
  section.append(
    el('header', { className: 'kpi-header' }, el('h2', { text: 'Support KPIs', attrs: { id: 'kpis-title' } }), form),
    error, tiles, charts);

  /** @type {Record<string, {figure: HTMLElement, canvas: HTMLCanvasElement, csv: HTMLAnchorElement, extra: HTMLElement, chart: any}>} */
  const panels = {};
  const specs = [
    ['conversations-per-day', 'Conversations per day'],
    ['handoff-reasons', 'Handoffs by reason'],
    ['response-times', 'First human reply and resolution (minutes)'],
    ['csat', 'CSAT ratings'],
    ['articles', 'Article helpfulness'],
    ['agents', 'Agents'],
    ['reply-coach', 'Replies sent with reply-coach hints open'],
  ];
  for (const [name, title] of specs) {
    const canvas = /** @type {HTMLCanvasElement} */ (el('canvas', { attrs: { 'aria-label': title, role: 'img' } }));
    const csv = /** @type {HTMLAnchorElement} */ (el('a', { className: 'kpi-csv', text: 'Download CSV', attrs: { download: '' } }));
    const extra = el('div', { className: 'kpi-extra' });
    const figure = el('figure', { className: 'kpi-chart', dataset: { chart: name } },
      el('figcaption', {}, el('h3', { text: title }), csv),
      el('div', { className: 'kpi-canvas' }, canvas), extra);
    charts.append(figure);
    panels[name] = { figure, canvas, csv, extra, chart: null };
  }

  let loading = 0;
  async function load() {
    const query = new URLSearchParams({ from: from.value, to: to.value, tz: tz.value.trim() }).toString();
    const ticket = ++loading;
    error.textContent = '';
    section.setAttribute('aria-busy', 'true');
    try {
      const [Chart, kpis] = await Promise.all([loadChartJs(), api.get(`/api/kpis?${query}`)]);
      if (ticket !== loading) return;
      for (const [name, panel] of Object.entries(panels)) panel.csv.href = `/api/kpis/${name}.csv?${query}`;
      paintTiles(kpis);
      paintCharts(Chart, kpis);
    } catch (e) {
      if (ticket === loading) error.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      if (ticket === loading) section.removeAttribute('aria-busy');
    }
  }

  /** @param {any} k */
  function paintTiles(k) {
    const s = k.summary || {};
    const tile = (/** @type {string} */ key, /** @type {string} */ label, /** @type {string} */ value, /** @type {string} */ hint) =>
      el('div', { className: 'kpi-tile', dataset: { kpi: key } },
        el('span', { className: 'kpi-label', text: label }), el('strong', { text: value }),
        el('span', { className: 'kpi-hint', text: hint }));
    const opened = Array.isArray(k.helpCenterOpens) ? k.helpCenterOpens : [];
    clear(tiles);
    tiles.append(
      tile('conversations', 'Conversations', String(s.conversations ?? 0), `${s.handedOff ?? 0} handed off (${formatPercent(s.handoffRate) || '—'})`),
      tile('bot-resolution', 'Bot resolution rate', formatPercent(s.botResolutionRate) || '—',
        `${s.botResolved ?? 0} resolved by the bot${s.botPending ? `, ${s.botPending} pending` : ''}`),
      tile('first-reply-median', 'First human reply, median', duration(k.firstHumanReply?.medianMillis),
        counted(k.firstHumanReply?.count ?? 0, 'reply', 'replies')),
      tile('first-reply-p90', 'First human reply, 90th pct.', duration(k.firstHumanReply?.p90Millis), 'nearest rank'),
      tile('resolution-median', 'Time to resolution, median', duration(k.resolution?.medianMillis),
        `${k.resolution?.count ?? 0} resolved`),
      tile('csat', 'CSAT average', typeof k.csat?.average === 'number' ? `${k.csat.average.toFixed(2)} / 5` : '—',
        counted(k.csat?.count ?? 0, 'rating', 'ratings')),
      // Articles read in the messenger's help center: how many opens, and the most read one.
      tile('help-center-opens', 'Help center article opens', String(opened.reduce((sum, a) => sum + (a.opens || 0), 0)),
        opened.length ? `most read: ${opened[0].title || opened[0].articleId} (${opened[0].opens})` : 'none yet'),
      tile('reply-coach', 'Replies sent with hints open', formatPercent(k.replyCoach?.withHintsShare) || '—',
        `${k.replyCoach?.withHints ?? 0} of ${counted(k.replyCoach?.replies ?? 0, 'reply', 'replies')}`));
  }

  /**
   * @param {any} Chart
   * @param {string} name
   * @param {any} config
   */
  function draw(Chart, name, config) {
    const panel = panels[name];
    if (panel.chart) panel.chart.destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    panel.chart = new Chart(panel.canvas, config);
  }

  /** @param {any} Chart @param {any} k */
  function paintCharts(Chart, k) {
    const days = k.days || [];
    draw(Chart, 'conversations-per-day', {
      type: 'bar',
      data: {
        labels: days.map((/** @type {any} */ d) => d.date),
        datasets: [
          { label: 'Conversations', data: days.map((/** @type {any} */ d) => d.conversations), backgroundColor: COLORS.blue },
          { label: 'Resolved by the bot', data: days.map((/** @type {any} */ d) => d.botResolved), backgroundColor: COLORS.green },
          { label: 'Handed off', data: days.map((/** @type {any} */ d) => d.handedOff), backgroundColor: COLORS.amber },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const reasons = k.handoffReasons || [];
    draw(Chart, 'handoff-reasons', {
      type: 'bar',
      data: {
        labels: reasons.map((/** @type {any} */ r) => reasonLabel(r.reason)),
        datasets: [{ label: 'Conversations', data: reasons.map((/** @type {any} */ r) => r.conversations), backgroundColor: COLORS.amber }],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    draw(Chart, 'response-times', {
      type: 'bar',
      data: {
        labels: ['First human reply', 'Time to resolution'],
        datasets: [
          { label: 'Median', data: [minutes(k.firstHumanReply?.medianMillis), minutes(k.resolution?.medianMillis)], backgroundColor: COLORS.blue },
          { label: '90th percentile', data: [minutes(k.firstHumanReply?.p90Millis), minutes(k.resolution?.p90Millis)], backgroundColor: COLORS.grey },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } } },
    });
    const ratings = (k.csat && k.csat.distribution) || [];
    draw(Chart, 'csat', {
      type: 'bar',
      data: {
        labels: ratings.map((/** @type {any} */ r) => `${r.rating}★`),
        datasets: [{ label: 'Ratings', data: ratings.map((/** @type {any} */ r) => r.count),
          backgroundColor: [COLORS.red, COLORS.red, COLORS.grey, COLORS.green, COLORS.green] }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const articles = (k.articles || []).slice(0, MAX_ARTICLES);
    draw(Chart, 'articles', {
      type: 'bar',
      data: {
        labels: articles.map((/** @type {any} */ a) => a.title || a.articleId),
        datasets: [
          { label: 'Helped', data: articles.map((/** @type {any} */ a) => a.helpful), backgroundColor: COLORS.green },
          { label: 'Did not help', data: articles.map((/** @type {any} */ a) => a.notHelpful), backgroundColor: COLORS.red },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
    });
    const agents = k.agents || [];
    draw(Chart, 'agents', {
      type: 'bar',
      data: {
        labels: agents.map((/** @type {any} */ a) => a.name || a.agentId),
        datasets: [{ label: 'Conversations', data: agents.map((/** @type {any} */ a) => a.conversations), backgroundColor: COLORS.blue }],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    paintAgentTable(agents);
    const hints = (k.replyCoach && k.replyCoach.hints) || [];
    draw(Chart, 'reply-coach', {
      type: 'bar',
      data: {
        labels: hints.map((/** @type {any} */ h) => String(h.hint).replace(/_/g, ' ')),
        datasets: [{ label: 'Replies sent with this hint open', data: hints.map((/** @type {any} */ h) => h.replies), backgroundColor: COLORS.amber }],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  /** The per-agent numbers a bar chart can't show well, as a table under it. @param {any[]} agents */
  function paintAgentTable(agents) {
    const extra = panels.agents.extra;
    clear(extra);
    if (agents.length === 0) {
      extra.append(el('p', { className: 'kpi-hint', text: 'No agent took a conversation in this range.' }));
      return;
    }
    const head = el('tr', {}, ...['Agent', 'Conversations', 'First replies', 'Median first response', 'CSAT']
      .map((text) => el('th', { text, attrs: { scope: 'col' } })));
    const rows = agents.map((a) => el('tr', {},
      el('th', { text: a.name || a.agentId, attrs: { scope: 'row' } }),
      el('td', { text: a.conversations }),
      el('td', { text: a.firstReplies }),
      el('td', { text: duration(a.medianFirstResponseMillis) }),
      el('td', { text: typeof a.csatAverage === 'number' ? `${a.csatAverage.toFixed(2)} (${a.csatCount})` : '—' })));
    extra.append(el('table', { className: 'kpi-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  let loaded = false;
  function route() {
    const open = location.hash === HASH;
    section.hidden = !open;
    if (layout) layout.hidden = open;
    // One bar on every page: the current one is marked, the others stay where they are.
    if (open) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    const inbox = document.getElementById('inbox-link');
    if (inbox) {
      if (open) inbox.removeAttribute('aria-current'); else inbox.setAttribute('aria-current', 'page');
    }
    if (open && !loaded) {
      loaded = true;
      load();
    }
  }
  window.addEventListener('hashchange', route);
  route();
}
