/*
 * The knowledge base editor (admins): list and search articles, edit with a live preview, save as draft, publish
 * or archive (every save is a version), try a question against the draft, see what publishing it would change,
 * browse history with diffs and restore, import and export. API: docs/console-api.md, "Knowledge base".
 */
import { api, setCsrfToken, ApiError } from './api.js';
import { el, clear, byId } from './dom.js';
import { counted, formatTime, formatPercent } from './format.js';
import { setUpCalibration } from './calibration.js';
import { loadProposals } from './proposals.js';
import { forgetLastEventId } from './socket.js';
import { setUpPassword } from './password.js';
import { setUpPresence } from './presence.js';

const state = { current: null, previewTimer: 0 };

/** The form's fields as an article with the given status. */
function draftFromForm(status) {
  return {
    id: byId('kb-id').value.trim(),
    title: byId('kb-title').value.trim(),
    body: byId('kb-body').value,
    language: byId('kb-language').value,
    tags: byId('kb-tags').value.split(',').map((t) => t.trim()).filter(Boolean),
    examples: byId('kb-examples').value.split('\n').map((e) => e.trim()).filter(Boolean),
    status,
  };
}

function showError(error) {
  byId('kb-error').textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

async function loadList() {
  const q = encodeURIComponent(byId('kb-search').value.trim());
  const status = encodeURIComponent(byId('kb-status-filter').value);
  const { articles } = await api.get(`/api/kb/articles?q=${q}&status=${status}`);
  const list = byId('kb-list');
  clear(list);
  for (const article of articles) {
    const link = el('a', { attrs: { href: `#${encodeURIComponent(article.id)}`,
      'aria-current': state.current && state.current.id === article.id ? 'true' : null }, dataset: { id: article.id } },
    el('strong', { text: article.title }), ' ',
    el('span', { className: `status-badge ${article.status}`, text: article.status }),
    el('span', { className: 'meta', text: `${article.id} · ${article.language} · v${article.version} · `
      + `${article.updatedBy || ''} ${formatTime(article.updatedAt)}` }),
    el('span', { className: 'meta usage', text: `30 days: ${counted(article.answers || 0, 'answer', 'answers')}, `
      + `${article.helpful || 0} helped, ${article.notHelpful || 0} did not` }));
    list.append(el('li', { className: 'kb-item' }, link));
  }
}

function fillForm(article) {
  state.current = article;
  byId('kb-empty').hidden = true;
  byId('kb-editor').hidden = false;
  byId('kb-editor-title').textContent = article ? article.title : 'New article';
  byId('kb-id').value = article ? article.id : '';
  byId('kb-id').readOnly = Boolean(article);
  byId('kb-title').value = article ? article.title : '';
  byId('kb-language').value = article ? article.language : 'en';
  byId('kb-tags').value = article ? article.tags.join(', ') : '';
  byId('kb-examples').value = article ? article.examples.join('\n') : '';
  byId('kb-body').value = article ? article.body : '';
  byId('kb-state').textContent = article
    ? `${article.status}${article.live ? ' · customers get the published version' : ' · not shown to customers'}`
      + ` · version ${article.version} of ${article.versions}`
    : 'Not saved yet';
  byId('kb-archive').hidden = !article || article.status === 'archived';
  byId('kb-error').textContent = '';
  clear(byId('kb-try-result'));
  clear(byId('kb-impact-result'));
  byId('kb-diff').hidden = true;
  schedulePreview();
  loadVersions();
}

async function open(id) {
  try {
    fillForm(await api.get(`/api/kb/articles/${encodeURIComponent(id)}`));
    await loadList();
  } catch (error) {
    showError(error);
  }
}

async function save(status) {
  const article = draftFromForm(status);
  try {
    const saved = state.current
      ? await api.put(`/api/kb/articles/${encodeURIComponent(state.current.id)}`, article)
      : await api.post('/api/kb/articles', article);
    fillForm(saved);
    byId('kb-notice').textContent = status === 'published' ? `Published “${saved.title}”: customers get it now.`
      : status === 'archived' ? `Archived “${saved.title}”.` : `Saved a draft of “${saved.title}”.`;
    history.replaceState(null, '', `#${encodeURIComponent(saved.id)}`);
    await loadList();
  } catch (error) {
    showError(error);
  }
}

function schedulePreview() {
  clearTimeout(state.previewTimer);
  state.previewTimer = setTimeout(async () => {
    try {
      const { html } = await api.post('/api/kb/preview', { body: byId('kb-body').value });
      // The server renders with raw HTML escaped and unsafe links removed (commonmark), so this HTML is safe.
      byId('kb-preview').innerHTML = html;
    } catch (error) {
      showError(error);
    }
  }, 250);
}

async function tryQuestion() {
  const result = byId('kb-try-result');
  clear(result);
  const question = byId('kb-try-question').value.trim();
  if (!question) return;
  try {
    const trial = await api.post('/api/kb/try', { question, draft: draftFromForm('draft') });
    result.append(trial.confident && trial.answer
      ? el('p', { className: 'kb-answer' }, 'The bot answers from ', el('strong', { text: trial.answer.title }),
        ` (${formatPercent(trial.answer.confidence)} sure): `, el('q', { text: trial.passage }))
      : el('p', { className: 'kb-answer', text: 'The bot is not sure and offers a person.' }));
    result.append(el('ol', { className: 'kb-candidates' }, ...trial.candidates.map((c) =>
      el('li', { text: `${c.title} (${c.articleId}) — ${formatPercent(c.confidence)}` }))));
  } catch (error) {
    showError(error);
  }
}

async function impact() {
  const result = byId('kb-impact-result');
  clear(result);
  result.append(el('p', { text: 'Replaying questions…' }));
  try {
    const { checked, changes } = await api.post('/api/kb/impact', { draft: draftFromForm('draft') });
    clear(result);
    const name = (c) => (c ? c.title : 'not sure');
    result.append(el('p', { text: changes.length
      ? `${changes.length} of ${counted(checked, 'question', 'questions')} would get another answer:`
      : `None of ${counted(checked, 'question', 'questions')} would get another answer.` }));
    result.append(el('ul', { className: 'kb-changes' }, ...changes.map((c) =>
      el('li', {}, el('q', { text: c.question }), `: ${name(c.before)} → ${name(c.after)}`))));
  } catch (error) {
    clear(result);
    showError(error);
  }
}

async function loadVersions() {
  const list = byId('kb-versions');
  clear(list);
  if (!state.current) return;
  const { versions } = await api.get(`/api/kb/articles/${encodeURIComponent(state.current.id)}/versions`);
  const latest = versions.length ? versions[versions.length - 1].version : 0;
  for (const version of versions.slice().reverse()) {
    const item = el('li', { dataset: { version: String(version.version) } },
      `v${version.version} · ${version.status} · ${version.editorName || ''} · ${formatTime(version.savedAt)}`);
    if (version.version !== latest) {
      const diff = el('button', { text: 'Diff to latest', attrs: { type: 'button' }, className: 'kb-diff-button' });
      diff.addEventListener('click', () => showDiff(version.version, latest));
      const restore = el('button', { text: 'Restore', attrs: { type: 'button' }, className: 'kb-restore' });
      restore.addEventListener('click', () => restoreVersion(version.version));
      item.append(diff, restore);
    }
    list.append(item);
  }
}

async function showDiff(from, to) {
  const { lines } = await api.get(`/api/kb/articles/${encodeURIComponent(state.current.id)}/diff?from=${from}&to=${to}`);
  const pre = byId('kb-diff');
  clear(pre);
  for (const line of lines) {
    pre.append(el('span', { className: line.op === '+' ? 'add' : line.op === '-' ? 'del' : '',
      text: `${line.op === '@' ? '' : `${line.op} `}${line.text}\n` }));
  }
  pre.hidden = false;
}

async function restoreVersion(version) {
  try {
    fillForm(await api.post(`/api/kb/articles/${encodeURIComponent(state.current.id)}/restore/${version}`));
    byId('kb-notice').textContent = `Restored version ${version} as the newest.`;
    await loadList();
  } catch (error) {
    showError(error);
  }
}

async function importFile(event) {
  event.preventDefault();
  const result = byId('kb-import-result');
  const problems = byId('kb-import-problems');
  result.textContent = '';
  clear(problems);
  const file = byId('kb-import-file').files[0];
  if (!file) return;
  let articles;
  try {
    articles = JSON.parse(await file.text());
  } catch (e) {
    result.textContent = 'That file is not JSON.';
    return;
  }
  try {
    const replace = byId('kb-import-replace').checked;
    const done = await api.post(`/api/kb/import${replace ? '?replace=true' : ''}`, articles);
    result.textContent = `Imported: ${done.created} new, ${done.updated} updated, ${done.archived} archived.`;
    await loadList();
  } catch (error) {
    result.textContent = error.message;
    for (const problem of (error.body && error.body.problems) || []) {
      problems.append(el('li', { text: `Record ${problem.index}${problem.id ? ` (${problem.id})` : ''}: ${problem.message}` }));
    }
  }
}

/** The sidebar's tabs (Articles, Content gaps, Import / export); the gaps are read each time their tab opens. */
function setUpTabs() {
  const tabs = [...document.querySelectorAll('.kb-tabs [role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      for (const other of tabs) {
        other.setAttribute('aria-selected', String(other === tab));
        byId(other.getAttribute('aria-controls')).hidden = other !== tab;
      }
      if (tab.id === 'kb-tab-gaps') {
        loadGaps().catch(showError);
        loadProposals(showError).catch(showError);
      }
    });
  }
}

/** Content gaps: groups of failed questions, each one click from a new article that answers them. */
async function loadGaps() {
  const list = byId('kb-gaps');
  clear(list);
  const { groups } = await api.get('/api/kb/gaps');
  if (!groups.length) list.append(el('li', { text: 'No gaps: the bot answered everything it was asked.' }));
  for (const group of groups.slice(0, 30)) {
    const create = el('button', { text: 'Create article from this', attrs: { type: 'button' }, className: 'kb-gap-create' });
    create.addEventListener('click', () => {
      history.replaceState(null, '', '#');
      fillForm(null);
      byId('kb-examples').value = group.questions.join('\n');
      byId('kb-title').focus();
    });
    list.append(el('li', { className: 'kb-gap' },
      el('strong', { text: `${group.count}× ` }),
      el('span', { text: `${group.notSure} not sure, ${group.notHelpful} not helpful · last ${formatTime(group.latestAt)}` }),
      el('ul', {}, ...group.questions.map((q) => el('li', { text: q }))),
      create));
  }
}

async function start() {
  let me;
  try {
    me = await api.get('/api/me');
  } catch (error) {
    location.href = 'index.html';
    return;
  }
  setCsrfToken(me.csrfToken);
  byId('kb-me').textContent = me.agent.name;
  setUpPresence(me.agent, (text) => { byId('kb-notice').textContent = text; });
  setUpPassword();
  // As on the inbox's bar: the session ends here, and the next agent in this tab starts fresh.
  byId('kb-logout').addEventListener('click', async () => {
    try { await api.post('/api/logout'); } catch (e) { /* the session may be gone already */ }
    setCsrfToken(null);
    forgetLastEventId();
    location.href = 'index.html';
  });
  if (me.agent.role !== 'admin') {
    byId('kb-denied').hidden = false;
    return;
  }
  byId('kb-app').hidden = false;
  for (const link of document.querySelectorAll('.topbar .admin-only')) /** @type {HTMLElement} */ (link).hidden = false;
  byId('kb-new').addEventListener('click', () => {
    history.replaceState(null, '', '#');
    fillForm(null);
    byId('kb-id').focus();
  });
  let searchTimer = 0;
  byId('kb-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => loadList().catch(showError), 250);
  });
  byId('kb-status-filter').addEventListener('change', () => loadList());
  byId('kb-body').addEventListener('input', schedulePreview);
  byId('kb-save-draft').addEventListener('click', () => save('draft'));
  byId('kb-publish').addEventListener('click', () => save('published'));
  byId('kb-archive').addEventListener('click', () => save('archived'));
  byId('kb-try').addEventListener('click', tryQuestion);
  byId('kb-impact').addEventListener('click', impact);
  byId('kb-import-form').addEventListener('submit', importFile);
  byId('kb-list').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-id]');
    if (!link) return;
    event.preventDefault();
    history.replaceState(null, '', `#${encodeURIComponent(link.dataset.id)}`);
    open(link.dataset.id);
  });
  setUpTabs();
  setUpCalibration(showError);
  await loadList();
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) await open(fromHash);
}

start();
