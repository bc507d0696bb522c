/*
 * The handoff card (#handoff-card): why the bot handed over and everything it learned, so the agent never has to
 * ask the customer again. Built from the conversation's HandoffContext (bot-core dev.baton.handoff.HandoffContext).
 */
import { el, externalLink, fill } from './dom.js';
import { formatPercent, intentLabel, reasonLabel, toMillis } from './format.js';
import { bindTimer } from './timers.js';

/** Labels of HandoffContext.Details, in display order. */
const DETAIL_LABELS = /** @type {const} */ ([
  ['orderNumbers', 'Order numbers'],
  ['invoiceNumbers', 'Invoices'],
  ['amounts', 'Amounts'],
  ['dates', 'Dates'],
  ['plans', 'Plans'],
  ['emails', 'Emails'],
]);

/** @param {unknown} value @returns {any[]} */
const list = (value) => (Array.isArray(value) ? value : []);

/**
 * Fills the card, or hides it when the conversation was never handed off.
 * @param {HTMLElement} card
 * @param {any|null|undefined} handoff a HandoffContext
 * @param {any} summary the conversation's Summary
 */
export function renderHandoff(card, handoff, summary) {
  if (!handoff) {
    card.hidden = true;
    card.replaceChildren();
    return;
  }
  card.hidden = false;
  // Priority orders the open work; once resolved it is history, not a red flag (as on the list's rows).
  const priority = summary.owner === 'resolved' ? null : handoff.priority || summary.priority;
  fill(card,
    el('h3', { text: 'Handoff' }),
    el('p', { className: 'badges' },
      el('span', { className: 'reason', text: reasonLabel(handoff.reason || summary.reason) || 'Handed off',
        attrs: { title: handoff.trigger ? `Trigger: ${handoff.trigger}` : null } }),
      priority ? el('span', { className: `priority ${priority}`, text: priority === 'high' ? 'High priority' : 'Normal priority' }) : null),
    waitingLine(handoff, summary),
    section('Summary', el('ul', { className: 'summary' }, ...list(handoff.summary).map((line) => el('li', { text: line })))),
    list(handoff.evidence).length
      ? section('Why', el('ul', { className: 'evidence' }, ...list(handoff.evidence).map(evidenceLine)))
      : null,
    list(handoff.intents).length
      ? section('Intents', el('ul', { className: 'intents tags' }, ...list(handoff.intents).map((i) => el('li', { text: intentLabel(i) }))))
      : null,
    list(handoff.frustration).length ? section('Frustration', frustration(list(handoff.frustration))) : null,
    list(handoff.articlesTried).length ? section('Articles tried', articles(list(handoff.articlesTried))) : null,
    section('Details', details(handoff.details || {})),
  );
}

/** A quoted phrase (the customer's own words) or a score (0.97) in a line of evidence. */
const QUOTE_OR_SCORE = /"([^"]*)"|\b([01]\.\d\d)\b/g;

/**
 * One line of evidence, with the customer's own words (what the detectors quote) and the model's score set apart.
 * @param {string} line
 */
function evidenceLine(line) {
  const parts = [];
  let at = 0;
  for (const match of String(line).matchAll(QUOTE_OR_SCORE)) {
    parts.push(line.slice(at, match.index));
    parts.push(match[1] !== undefined
      ? el('q', { className: 'said', text: match[1] })
      : el('span', { className: 'score', text: match[2] }));
    at = match.index + match[0].length;
  }
  parts.push(line.slice(at));
  return el('li', {}, ...parts.filter((part) => part !== ''));
}

/** @param {string} title @param {HTMLElement} body */
function section(title, body) {
  return el('section', { className: 'card-section' }, el('h4', { text: title }), body);
}

/**
 * How long the customer waited: still counting while in the queue; afterwards the time until the first reply.
 * @param {any} handoff @param {any} summary
 */
function waitingLine(handoff, summary) {
  const handedOffAt = toMillis(summary.handedOffAt) ?? toMillis(handoff.handedOffAt);
  /** @type {import('./timers.js').TimerSpec|null} */
  let spec = null;
  let label = 'Waiting';
  if (summary.owner === 'waiting' && handedOffAt != null) {
    spec = { kind: 'waiting', start: handedOffAt };
  } else if (typeof summary.waitingMillis === 'number') {
    spec = { kind: 'waiting', fixed: summary.waitingMillis };
    label = 'Waited';
  } else if (toMillis(summary.firstResponseAt) != null && handedOffAt != null) {
    spec = { kind: 'waiting', fixed: /** @type {number} */ (toMillis(summary.firstResponseAt)) - handedOffAt };
    label = 'Waited';
  } else if (summary.owner === 'agent' && handedOffAt != null) {
    spec = { kind: 'waiting', start: handedOffAt };
  }
  if (!spec) return null;
  const timer = el('span', { className: 'timer' });
  bindTimer(timer, spec);
  return el('p', { className: 'waiting' }, el('span', { className: 'timer-label', text: label }), ' ', timer);
}

/** One bar per scored customer message; the number is in the bar's label and title. @param {any[]} points */
function frustration(points) {
  return el('ol', { className: 'frustration', attrs: { 'aria-label': 'Frustration per customer message' } },
    ...points.map((point, index) => {
      const score = typeof point.score === 'number' ? Math.max(0, Math.min(1, point.score)) : 0;
      const why = list(point.evidence).join('; ');
      const text = `Message ${index + 1}: ${score.toFixed(2)}${why ? ` (${why})` : ''}`;
      const bar = el('span', { className: 'bar' });
      bar.style.setProperty('--score', String(score)); // CSSOM, not a style attribute: fine under a strict CSP
      return el('li', { className: `point${score >= 0.8 ? ' high' : ''}`, attrs: { title: text } },
        bar, el('span', { className: 'score', text: score.toFixed(2) }), el('span', { className: 'sr-only', text }));
    }));
}

/** @param {any[]} tried */
function articles(tried) {
  return el('ul', { className: 'articles' }, ...tried.map((article) => {
    const verdict = article.helpful === true ? 'helped' : article.helpful === false ? 'did not help' : 'no feedback';
    const confidence = formatPercent(article.confidence);
    return el('li', {},
      externalLink(article.url, article.title || article.articleId || 'Article', 'title'), ' ',
      el('span', { className: `helpful ${article.helpful === true ? 'yes' : article.helpful === false ? 'no' : 'unknown'}`, text: verdict }),
      confidence ? el('span', { className: 'confidence', text: confidence }) : null);
  }));
}

/** @param {Record<string, unknown>} values */
function details(values) {
  const rows = DETAIL_LABELS.filter(([key]) => list(values[key]).length);
  if (!rows.length) return el('p', { className: 'details none', text: 'No order numbers, amounts or dates found.' });
  return el('dl', { className: 'details' }, ...rows.flatMap(([key, label]) => [
    el('dt', { text: label }),
    el('dd', { dataset: { kind: key } }, ...list(values[key]).map((value) => el('span', { className: 'value', text: value }))),
  ]));
}
