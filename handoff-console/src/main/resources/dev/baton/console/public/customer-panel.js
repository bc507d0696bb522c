/*
 * The customer sidebar (#customer): who they are and their other conversations.
 */
import { el, fill } from './dom.js';
import { customerName, formatTime, reasonLabel } from './format.js';

const OWNER_WORDS = { bot: 'Bot', waiting: 'Waiting', agent: 'Open', resolved: 'Resolved' };

/**
 * @param {HTMLElement} panel
 * @param {any} customer the conversation's Customer (falls back to the summary's customer)
 * @param {any[]} previous the same customer's other conversations (Summary), newest first
 */
export function renderCustomer(panel, customer, previous) {
  const c = customer || {};
  const attributes = c.attributes && typeof c.attributes === 'object' ? Object.entries(c.attributes) : [];
  const others = Array.isArray(previous) ? previous : [];
  fill(panel,
    el('h3', { text: 'Customer' }),
    el('p', { className: 'name-line' },
      el('span', { className: 'name', text: customerName(c) }), ' ',
      c.verified
        ? el('span', { className: 'verified', text: 'Verified', attrs: { title: 'Identified by the product' } })
        : el('span', { className: 'unverified', text: 'Not verified' })),
    c.email ? el('p', { className: 'email', text: c.email }) : null,
    c.plan ? el('p', { className: 'plan' }, el('span', { className: 'label', text: 'Plan ' }), el('span', { text: c.plan })) : null,
    c.locale ? el('p', { className: 'locale' }, el('span', { className: 'label', text: 'Language ' }), el('span', { text: c.locale })) : null,
    attributes.length
      ? el('dl', { className: 'attributes' }, ...attributes.flatMap(([key, value]) => [
        el('dt', { text: key }),
        el('dd', { text: value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value) }),
      ]))
      : null,
    el('h4', { text: 'Previous conversations' }),
    others.length
      ? el('ul', { className: 'previous' }, ...others.map((s) => el('li', {},
        el('a', { attrs: { href: `#/c/${encodeURIComponent(s.id)}` }, dataset: { id: s.id } },
          el('span', { className: 'when', text: formatTime(s.resolvedAt || s.updatedAt) }),
          el('span', { className: 'state', text: [OWNER_WORDS[s.owner] || s.owner, reasonLabel(s.reason)].filter(Boolean).join(' · ') }),
          el('span', { className: 'preview', text: s.preview || '' })))))
      : el('p', { className: 'previous none', text: 'None' }),
  );
}
