/*
 * The only way views build DOM. Text always goes in as text nodes (textContent), never as HTML, and links are
 * made only for http(s) URLs: server and customer text can contain anything.
 */

/**
 * @typedef {Object} ElementProps
 * @property {string} [className]
 * @property {string|number|null} [text] set with textContent
 * @property {Record<string, string|number|boolean|null|undefined>} [attrs] false/null/undefined are skipped
 * @property {Record<string, string>} [dataset]
 */

/**
 * Creates an element. Children that are strings become text nodes; null, undefined and false are skipped.
 * @param {string} tag
 * @param {ElementProps} [props]
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text != null) node.textContent = String(props.text);
  for (const [name, value] of Object.entries(props.attrs || {})) {
    if (value == null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset || {})) node.dataset[name] = value;
  for (const child of children) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

/**
 * The URL when it is http: or https: (relative ones are resolved against this page), else null.
 * @param {unknown} url
 * @returns {string|null}
 */
export function safeHttpUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

/**
 * A link opening in a new tab when the URL is http(s); plain text otherwise.
 * @param {unknown} url
 * @param {string} text
 * @param {string} [className]
 * @returns {HTMLElement}
 */
export function externalLink(url, text, className) {
  const href = safeHttpUrl(url);
  if (!href) return el('span', { className, text });
  return el('a', { className, text, attrs: { href, target: '_blank', rel: 'noopener noreferrer' } });
}

/**
 * Replaces a node's children, skipping null, undefined and false as {@link el} does (replaceChildren would print
 * them as the words "null" and "false": what nobody gave is left out).
 * @param {Element} node
 * @param {...(Node|string|null|undefined|false)} children
 */
export function fill(node, ...children) {
  node.replaceChildren(...children.filter((child) => child != null && child !== false));
}

/**
 * Wires a top-bar link to a dialog: a click opens it without leaving the page (the open conversation stays), and a
 * page loaded at the link's hash (from the knowledge base page's bar) opens it at once, then forgets the hash.
 * @param {HTMLElement} link an <a href="#/name">
 * @param {() => void} open shows the dialog
 */
export function openDialogFrom(link, open) {
  const hash = link.getAttribute('href');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    open();
  });
  if (hash && location.hash === hash) {
    history.replaceState(null, '', location.pathname + location.search);
    open();
  }
}

/**
 * Removes every child.
 * @param {Element} node
 */
export function clear(node) {
  node.replaceChildren();
}

/**
 * The element with this id; throws at start-up when index.html and the code disagree.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node;
}
