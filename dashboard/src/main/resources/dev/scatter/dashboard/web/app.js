'use strict';
// Shared by every page. Every value from the server goes into the page as text (textContent, text nodes,
// setAttribute on harmless attributes), never as markup: job ids, parameters and errors are untrusted.
const Scatter = (() => {
  const REFRESH_MS = 2000;
  let sessionPromise = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'class') node.className = value;
      else if (name === 'href') node.setAttribute('href', safeHref(value));
      else if (name.startsWith('on')) throw new Error('no handlers through el()');
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Links are built by these scripts only, to the dashboard's own paths.
  function safeHref(value) {
    const s = String(value);
    return s.startsWith('/') && !s.startsWith('//') ? s : '#';
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function banner(message) {
    const b = document.getElementById('banner');
    if (!b) return;
    if (message) {
      b.textContent = message;
      b.hidden = false;
    } else {
      b.hidden = true;
      b.textContent = '';
    }
  }

  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options || {}));
    } catch (e) {
      const err = new Error('the dashboard server does not answer');
      err.outage = true;
      throw err;
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.startsWith('application/json') ? await response.json() : await response.text();
    if (!response.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + response.status));
      err.status = response.status;
      err.outage = response.status === 503;
      throw err;
    }
    return body;
  }

  function session() {
    if (!sessionPromise) sessionPromise = api('/api/session');
    return sessionPromise;
  }

  // Calls fn now and every REFRESH_MS; an outage shows the banner, which goes once a refresh works again.
  function poll(fn) {
    let stopped = false;
    async function tick() {
      try {
        await fn();
        banner(null);
      } catch (e) {
        banner(e.outage ? 'Redis cannot be reached: ' + e.message + ' (retrying every few seconds)'
          : 'Error: ' + e.message);
      }
      if (!stopped) setTimeout(tick, REFRESH_MS);
    }
    tick();
    return () => { stopped = true; };
  }

  function nav(active) {
    const header = document.getElementById('nav');
    const links = [['/', 'Overview'], ['/jobs', 'Jobs'], ['/runners', 'Runners'], ['/dead', 'Dead tasks']];
    header.appendChild(el('span', { class: 'brand', text: 'Scatter' }));
    for (const [href, label] of links) {
      header.appendChild(el('a', { href, class: href === active ? 'active' : null, text: label }));
    }
    const where = el('span', { class: 'where', id: 'redis' });
    header.appendChild(where);
    session().then(s => {
      where.textContent = s.redis + (s.readOnly ? ' · read-only' : '') + ' · v' + s.version;
    }).catch(() => {});
  }

  function jobLink(id) {
    return el('a', { href: '/job?id=' + encodeURIComponent(id), class: 'job-link', text: id });
  }

  function progress(fraction, label) {
    const pct = Math.max(0, Math.min(1, Number(fraction) || 0)) * 100;
    const bar = el('div', { class: 'bar' });
    const fill = el('div', { class: 'fill' });
    fill.style.width = pct.toFixed(1) + '%';
    bar.appendChild(fill);
    return el('div', { class: 'progress', 'data-progress': pct.toFixed(1) }, bar, el('span', { text: label || pct.toFixed(1) + '%' }));
  }

  function num(n) {
    if (n === null || n === undefined || Number.isNaN(n)) return '–';
    return Number(n).toLocaleString('en-US');
  }

  function dec(n, digits) {
    if (n === null || n === undefined || !Number.isFinite(Number(n))) return '–';
    return Number(n).toFixed(digits === undefined ? 4 : digits);
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '–';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + Math.floor(s % 60) + ' s';
    if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
    return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
  }

  function time(ms) {
    return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function stateBadge(state) {
    return el('span', { class: 'state state-' + String(state).replace(/[^a-z]/g, ''), text: state });
  }

  function table(headers, rows, attrs) {
    const t = el('table', attrs || {});
    t.appendChild(el('thead', {}, el('tr', {}, headers.map(h => el('th', { text: h })))));
    const body = el('tbody', {});
    rows.forEach(r => body.appendChild(r));
    t.appendChild(body);
    return t;
  }

  function td(content, attrs) {
    return el('td', attrs || {}, content instanceof Node ? content : String(content === null || content === undefined ? '–' : content));
  }

  // Actions carry the token in a header that other sites' pages cannot send; a token the user set is asked for.
  async function act(action, id) {
    const s = await session();
    if (s.readOnly) throw new Error('this dashboard is read-only');
    let token = s.token;
    if (s.tokenRequired) {
      const input = document.getElementById('token');
      token = input ? input.value.trim() : '';
      if (!token) throw new Error('enter the dashboard token first');
    }
    return api('/api/action/' + action + '?id=' + encodeURIComponent(id), {
      method: 'POST', headers: { 'X-Scatter-Token': token, 'Content-Type': 'application/json' }, body: '{}'
    });
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  return { el, clear, api, session, poll, nav, jobLink, progress, num, dec, duration, time, stateBadge, table, td,
    act, param, banner, REFRESH_MS };
})();
