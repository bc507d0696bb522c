/*
 * The admins' Webhooks panel (docs/console-api.md#webhooks): register an address for some events, see its secret,
 * pause it, send a test, read its delivery log, remove it. Only admins see the button that opens it.
 */
import { api } from './api.js';
import { byId, clear, el, openDialogFrom } from './dom.js';

const EVENTS = ['conversation.handed_off', 'conversation.assigned', 'conversation.resolved', 'csat.submitted', 'mail.sent',
  'mail.bounced'];

/**
 * Wires #webhooks-open and the #webhooks dialog for an admin; does nothing for anyone else.
 * @param {any} me the Agent
 */
export function setUpWebhooks(me) {
  if (!me || me.role !== 'admin') return;
  const open = byId('webhooks-open');
  const dialog = /** @type {HTMLDialogElement} */ (byId('webhooks'));
  const list = byId('webhooks-list');
  const form = /** @type {HTMLFormElement} */ (byId('webhooks-form'));
  const error = byId('webhooks-error');
  open.hidden = false;

  const boxes = byId('webhooks-events');
  for (const name of EVENTS) {
    boxes.append(el('label', { className: 'webhook-event' },
      el('input', { attrs: { type: 'checkbox', name: 'events', value: name, checked: true } }), ` ${name}`));
  }

  openDialogFrom(open, () => {
    dialog.showModal();
    load();
  });
  byId('webhooks-close').addEventListener('click', () => dialog.close());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const url = /** @type {HTMLInputElement} */ (byId('webhooks-url')).value.trim();
    const events = [...form.querySelectorAll('input[name="events"]:checked')]
      .map((box) => /** @type {HTMLInputElement} */ (box).value);
    try {
      await api.post('/api/webhooks', { url, events });
      form.reset();
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  });

  async function load() {
    error.textContent = '';
    try {
      const data = await api.get('/api/webhooks');
      clear(list);
      const webhooks = (data && data.webhooks) || [];
      if (webhooks.length === 0) list.append(el('li', { className: 'hint', text: 'No webhooks yet.' }));
      for (const webhook of webhooks) list.append(item(webhook));
    } catch (e) {
      error.textContent = e.message;
    }
  }

  /** @param {any} webhook */
  function item(webhook) {
    const path = `/api/webhooks/${encodeURIComponent(webhook.id)}`;
    const log = el('ol', { className: 'webhook-log' });
    const act = (/** @type {string} */ label, /** @type {() => Promise<any>} */ action) => {
      const button = el('button', { text: label, attrs: { type: 'button' } });
      button.addEventListener('click', async () => {
        error.textContent = '';
        try {
          await action();
        } catch (e) {
          error.textContent = e.message;
        }
      });
      return button;
    };
    const showLog = async () => {
      const data = await api.get(`${path}/deliveries`);
      clear(log);
      const entries = (data && data.deliveries) || [];
      if (entries.length === 0) log.append(el('li', { className: 'hint', text: 'No deliveries yet.' }));
      for (const entry of entries) {
        const result = entry.status != null ? `HTTP ${entry.status}` : entry.error || 'no answer';
        const next = entry.nextRetryAt ? `, next try ${new Date(entry.nextRetryAt).toLocaleTimeString()}` : '';
        log.append(el('li', { className: `webhook-attempt ${entry.outcome}`,
          text: `${new Date(entry.at).toLocaleString()} · ${entry.event} · attempt ${entry.attempt} · ${result}`
            + ` · ${entry.durationMs} ms · ${entry.outcome}${next}` }));
      }
    };
    return el('li', { className: 'webhook' },
      el('p', { className: 'webhook-url', text: `${webhook.url}${webhook.active ? '' : ' (paused)'}` }),
      el('p', { className: 'hint', text: webhook.events.join(', ') }),
      el('p', { className: 'hint' }, 'Secret: ', el('code', { text: webhook.secret })),
      el('div', { className: 'form-buttons' },
        act('Send test', async () => {
          await api.post(`${path}/test`, {});
          setTimeout(() => showLog().catch(() => {}), 1500);
        }),
        act('Deliveries', showLog),
        act(webhook.active ? 'Pause' : 'Resume', async () => {
          await api.put(path, { active: !webhook.active });
          await load();
        }),
        act('Delete', async () => {
          if (!confirm(`Delete the webhook to ${webhook.url}?`)) return;
          await api.del(path);
          await load();
        })),
      log);
  }
}
