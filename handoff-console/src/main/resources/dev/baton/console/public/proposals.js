/*
 * Proposed examples in the content gaps view (admins): questions learnt from conversations, one click from being an
 * article's example (a new version) or dismissed. API: /api/kb/proposals (docs/console-api.md).
 */
import { api } from './api.js';
import { el, clear, byId } from './dom.js';
import { formatTime } from './format.js';

const SOURCES = { picked: 'the customer picked it', agent_link: 'an agent sent its link' };

/** @param {(error: unknown) => void} showError */
export async function loadProposals(showError) {
  const list = byId('kb-proposals');
  clear(list);
  const { proposals } = await api.get('/api/kb/proposals');
  if (!proposals.length) list.append(el('li', { text: 'Nothing proposed yet.' }));
  for (const proposal of proposals) {
    const id = encodeURIComponent(proposal.id);
    const accept = el('button', { text: 'Add as example', attrs: { type: 'button' } });
    const dismiss = el('button', { text: 'Dismiss', attrs: { type: 'button' } });
    const item = el('li', { className: 'kb-gap' },
      el('span', { text: `“${proposal.question}” → ${proposal.articleTitle}` }),
      el('span', { className: 'hint', text: ` (${SOURCES[proposal.source] || proposal.source}, ${formatTime(proposal.at)}) ` }),
      accept, dismiss);
    accept.addEventListener('click', async () => {
      try {
        await api.post(`/api/kb/proposals/${id}/accept`, {});
        item.remove();
      } catch (error) {
        showError(error);
      }
    });
    dismiss.addEventListener('click', async () => {
      try {
        await api.del(`/api/kb/proposals/${id}`);
        item.remove();
      } catch (error) {
        showError(error);
      }
    });
    list.append(item);
  }
}
