/*
 * The messenger's help center (loaded by widget.js the first time its home view shows): a search box over the
 * published articles, live as one types, with the bot's own retrieval (GET /help/search), an article readable inside
 * the panel (GET /help/articles/{id}, which counts the open in the KPIs), and "Still need help? Ask us" to the chat.
 * Text goes in as text; an article's body is the server's HTML, made safe by commonmark (raw HTML escaped, only
 * http(s), mailto and relative links), the same as the /kb/{id} page.
 */

const STRINGS = {
  en: {
    heading: 'Search our help center',
    headingNamed: (name) => `Hi ${name}! Search our help center`,
    search: 'Search articles',
    popular: 'Articles',
    results: 'Results',
    none: 'No article matches. Try other words, or ask us.',
    failed: 'The help center could not be reached. You can still ask us.',
    slow: 'Searching again in a moment…',
    back: '← Back',
    ask: 'Still need help? Ask us',
    newTab: 'Open in a new tab',
  },
  ja: {
    heading: 'ヘルプセンターを検索',
    headingNamed: (name) => `${name}さん、ヘルプセンターを検索`,
    search: '記事を検索',
    popular: '記事',
    results: '検索結果',
    none: '該当する記事がありません。言葉を変えるか、私たちにご質問ください。',
    failed: 'ヘルプセンターに接続できませんでした。チャットでご質問いただけます。',
    slow: 'まもなくもう一度検索します…',
    back: '← 戻る',
    ask: '解決しませんか？ 質問する',
    newTab: '新しいタブで開く',
  },
};

const STYLE = `
  .help { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px; background: #f6f8fb; }
  .help h3 { font-size: 15px; margin: 0; }
  .help input[type=search] { font: inherit; padding: 8px 10px; border: 1px solid #cbd2d9; border-radius: 8px; }
  .help .label { font-size: 12px; color: #52606d; margin: 0; }
  .help ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
  .help .result { width: 100%; text-align: left; background: #fff; border: 1px solid #e4e7eb; border-radius: 10px;
                  padding: 8px 10px; color: #1f2933; }
  .help .result:hover { border-color: #2457d6; }
  .help .result strong { display: block; color: #2457d6; }
  .help .result span { display: block; font-size: 12px; color: #52606d; }
  .help .none { font-size: 13px; color: #52606d; margin: 0; }
  .help .ask { border: 0; border-radius: 8px; background: #2457d6; color: #fff; padding: 8px 12px; margin-top: auto; }
  .help .back { align-self: flex-start; border: 0; background: transparent; color: #2457d6; padding: 0; }
  .help .article { background: #fff; border: 1px solid #e4e7eb; border-radius: 10px; padding: 4px 12px;
                   overflow-wrap: anywhere; }
  .help .article a, .help .new-tab { color: #2457d6; font-size: 13px; }
`;

const SEARCH_PAUSE_MS = 200;

/**
 * Fills {@code container} with the help center and returns its handle.
 * @param {HTMLElement} container the panel's help section
 * @param {{server: string, lang: 'en'|'ja', greetName?: string, onAsk: () => void}} options greetName: a verified
 *   customer's name, to greet them by; onAsk: the customer wants the chat
 * @returns {{focus: () => void, greet: (name: string) => void}} greet: the name became known later
 */
export function mountHelp(container, options) {
  const t = STRINGS[options.lang] || STRINGS.en;
  const style = document.createElement('style');
  style.textContent = STYLE;
  container.before(style);

  const home = document.createElement('div');
  home.className = 'help-home';
  const heading = document.createElement('h3');
  const greet = (name) => {
    heading.textContent = name ? t.headingNamed(name) : t.heading;
  };
  greet(options.greetName);
  const input = document.createElement('input');
  input.type = 'search';
  input.placeholder = t.search;
  input.setAttribute('aria-label', t.search);
  const label = document.createElement('p');
  label.className = 'label';
  const list = document.createElement('ul');
  list.className = 'results';
  const none = document.createElement('p');
  none.className = 'none';
  none.setAttribute('role', 'status');
  home.append(heading, input, label, list, none);

  const reader = document.createElement('div');
  reader.className = 'help-article';
  reader.hidden = true;

  const ask = document.createElement('button');
  ask.type = 'button';
  ask.className = 'ask';
  ask.textContent = t.ask;
  ask.addEventListener('click', () => options.onAsk());
  container.replaceChildren(home, reader, ask);

  let asked = 0;
  let timer = 0;
  /**
   * Lists the articles for the query; an answer to an older query that comes back late is dropped. Searches from
   * one address are limited: a refused one (429) goes again when the server says it may, unless more was typed.
   */
  async function search(query) {
    const mine = ++asked;
    try {
      const params = new URLSearchParams({ q: query, lang: options.lang });
      const response = await fetch(`${options.server}/help/search?${params}`);
      const body = await response.json();
      if (mine !== asked) return;
      if (response.status === 429) {
        none.textContent = t.slow;
        timer = setTimeout(() => search(query), body.retryAfterMs || 1000);
        return;
      }
      if (!response.ok) throw new Error(body.message || String(response.status));
      label.textContent = query ? t.results : t.popular;
      list.replaceChildren(...body.results.map(resultItem));
      none.textContent = body.results.length ? '' : t.none;
    } catch (e) {
      if (mine === asked) none.textContent = t.failed;
    }
  }

  function resultItem(result) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'result';
    button.dataset.id = result.id;
    const title = document.createElement('strong');
    title.textContent = result.title;
    const snippet = document.createElement('span');
    snippet.textContent = result.snippet;
    button.append(title, snippet);
    button.addEventListener('click', () => read(result.id));
    const item = document.createElement('li');
    item.append(button);
    return item;
  }

  async function read(id) {
    try {
      const response = await fetch(`${options.server}/help/articles/${encodeURIComponent(id)}`);
      const article = await response.json();
      if (!response.ok) throw new Error(article.message || String(response.status));
      const back = document.createElement('button');
      back.type = 'button';
      back.className = 'back';
      back.textContent = t.back;
      back.addEventListener('click', () => {
        reader.hidden = true;
        home.hidden = false;
        input.focus();
      });
      const title = document.createElement('h3');
      title.textContent = article.title;
      const body = document.createElement('div');
      body.className = 'article';
      body.lang = article.language;
      body.innerHTML = article.html; // safe HTML from the server, see the file's comment
      body.querySelectorAll('a[href]').forEach((link) => {
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      });
      const newTab = document.createElement('a');
      newTab.className = 'new-tab';
      newTab.href = article.url;
      newTab.target = '_blank';
      newTab.rel = 'noopener noreferrer';
      newTab.textContent = t.newTab;
      reader.replaceChildren(back, title, body, newTab);
      home.hidden = true;
      reader.hidden = false;
      back.focus();
    } catch (e) {
      none.textContent = t.failed;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), SEARCH_PAUSE_MS);
  });
  search('');
  return { focus: () => (reader.hidden ? input : reader.querySelector('.back')).focus(), greet };
}
