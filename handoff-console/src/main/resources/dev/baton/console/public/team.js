/*
 * The admins' Team panel (docs/console-api.md#team-routing-canned-replies): every agent with their role and whether
 * they may still work, and the button that deactivates or reactivates them. Only admins see the button that opens
 * it; nobody can deactivate themselves.
 */
import { api } from './api.js';
import { byId, clear, el, openDialogFrom } from './dom.js';

/**
 * Wires #team-open and the #team dialog for an admin; does nothing for anyone else.
 * @param {any} me the Agent
 */
export function setUpTeam(me) {
  if (!me || me.role !== 'admin') return;
  const open = byId('team-open');
  const dialog = /** @type {HTMLDialogElement} */ (byId('team'));
  const list = byId('team-list');
  const error = byId('team-error');
  open.hidden = false;

  openDialogFrom(open, () => {
    dialog.showModal();
    load();
  });
  byId('team-close').addEventListener('click', () => dialog.close());

  async function load() {
    error.textContent = '';
    try {
      const data = await api.get('/api/agents');
      clear(list);
      for (const agent of (data && data.agents) || []) list.append(row(agent));
    } catch (e) {
      error.textContent = e.message;
    }
  }

  /** @param {any} agent */
  function row(agent) {
    const active = agent.active !== false;
    const toggle = el('button', { className: 'member-toggle', text: active ? 'Deactivate' : 'Reactivate',
      attrs: { type: 'button', disabled: agent.id === me.id } });
    toggle.addEventListener('click', async () => {
      if (active && !confirm(`Deactivate ${agent.name}? They are logged out at once and their open `
        + 'conversations go back to the queue.')) return;
      error.textContent = '';
      toggle.disabled = true;
      try {
        await api.post(`/api/agents/${encodeURIComponent(agent.id)}/${active ? 'deactivate' : 'reactivate'}`, {});
        await load();
      } catch (e) {
        error.textContent = e.message;
        toggle.disabled = false;
      }
    });
    return el('li', { className: `team-member${active ? '' : ' deactivated'}`, dataset: { id: agent.id } },
      el('span', { className: 'member-name' }, agent.name,
        el('span', { className: 'member-email', text: ` ${agent.email} · ${agent.role}` })),
      el('span', { className: 'member-state', text: active ? 'Active' : 'Deactivated' }),
      toggle);
  }
}
