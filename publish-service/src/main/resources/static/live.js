'use strict';
// The newest articles, then the live stream (SSE) on top: new ones at the top, updated ones replaced in place,
// withdrawn ones removed.
// A category chip filters both; the browser's EventSource reconnects by itself, and an overflow notice
// (this page fell too far behind) makes the page reload the list and subscribe again.
const list = document.getElementById('articles');
const status = document.getElementById('status');
let category = new URLSearchParams(location.search).get('category');
let source = null;

function query() {
  return category ? '?category=' + encodeURIComponent(category) : '';
}

// Every field of an article is untrusted: it only ever goes in as text (textContent, never HTML), and only an
// absolute http(s) URL becomes a link (never javascript:, data: and the like).
function httpUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (error) {
    return null;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function render(article) {
  const item = element('li', 'article');
  item.dataset.id = article.id;
  const url = httpUrl(article.url);
  const title = element(url ? 'a' : 'span', 'title', article.title);
  if (url) { title.href = url; title.rel = 'noopener noreferrer'; }
  item.appendChild(title);
  const meta = [article.publisher, article.author, article.source ? 'Source: ' + article.source : null,
    article.publishedAt ? new Date(article.publishedAt).toLocaleString() : null].filter(Boolean).join(' · ');
  item.appendChild(element('div', 'meta', meta));
  const lead = (article.body || '').split('\n\n')[0];
  item.appendChild(element('p', 'lead', lead.length > 280 ? lead.slice(0, 280) + '…' : lead));
  const chips = element('div', 'categories');
  (article.categories || []).forEach(c => {
    const chip = element('button', 'chip ' + c.origin, c.label);
    chip.type = 'button';
    chip.dataset.code = c.code;
    chip.title = c.taxonomy + ' ' + c.code + ' (' + c.origin + ', ' + Math.round(c.confidence * 100) + '%)';
    chip.addEventListener('click', () => filterBy(c.code, c.label));
    chips.appendChild(chip);
  });
  item.appendChild(chips);
  if (article.relatedPosts && article.relatedPosts.length) {
    const related = element('ul', 'related');
    article.relatedPosts.forEach(r => {
      const li = element('li');
      const link = element('a', null, r.title);
      link.href = httpUrl(r.url) || '/api/articles/' + encodeURIComponent(r.id);
      li.appendChild(link);
      related.appendChild(li);
    });
    const box = element('div');
    box.appendChild(element('div', 'meta', 'Related posts'));
    box.appendChild(related);
    item.appendChild(box);
  }
  return item;
}

function show(article, live) {
  const item = render(article);
  const existing = list.querySelector('li[data-id="' + CSS.escape(article.id) + '"]');
  if (existing) {
    existing.replaceWith(item);
  } else if (live) {
    list.insertBefore(item, list.firstChild);
  } else {
    list.appendChild(item);
  }
  if (live) item.classList.add('fresh');
}

async function load() {
  list.replaceChildren();
  const response = await fetch('/api/articles' + (query() ? query() + '&' : '?') + 'size=30');
  const page = await response.json();
  page.items.forEach(article => show(article, false));
}

function subscribe() {
  if (source) source.close();
  source = new EventSource('/api/articles/stream' + query());
  source.onopen = () => { status.textContent = 'live'; status.className = 'live'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = ''; };
  const onArticle = event => show(JSON.parse(event.data), true);
  source.addEventListener('article', onArticle);
  source.addEventListener('article-updated', onArticle);
  source.addEventListener('article-withdrawn', event => {
    const withdrawn = list.querySelector('li[data-id="' + CSS.escape(JSON.parse(event.data).id) + '"]');
    if (withdrawn) withdrawn.remove();
  });
  source.addEventListener('overflow', () => { source.close(); start(); });
}

function filterBy(code, label) {
  category = code;
  history.replaceState(null, '', code ? '?category=' + encodeURIComponent(code) : location.pathname);
  start();
  document.getElementById('filter').hidden = !code;
  document.getElementById('filter-name').textContent = label || code || '';
}

function start() {
  subscribe();
  load().catch(error => { status.textContent = 'could not load articles: ' + error; });
}

document.getElementById('clear').addEventListener('click', () => filterBy(null, null));
if (category) filterBy(category, category); else start();
