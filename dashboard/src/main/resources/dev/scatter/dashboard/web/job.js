'use strict';
(() => {
  const { el, clear, api, session, poll, nav, progress, num, dec, duration, time, stateBadge, table, td, act, param } = Scatter;
  nav('/jobs');
  const id = param('id') || '';
  document.getElementById('title').textContent = 'Job ' + id;
  const jsonLink = document.getElementById('download-json');
  const csvLink = document.getElementById('download-csv');
  jsonLink.setAttribute('href', '/api/job/result?format=json&id=' + encodeURIComponent(id));
  csvLink.setAttribute('href', '/api/job/result?format=csv&id=' + encodeURIComponent(id));
  const cancelButton = document.getElementById('cancel');
  const retryButton = document.getElementById('retry');
  const said = document.getElementById('action-result');
  let lastParams = null;
  let lastResult = null;

  session().then(s => {
    if (s.readOnly) {
      cancelButton.hidden = true;
      retryButton.hidden = true;
    }
    document.getElementById('token-label').hidden = !s.tokenRequired || s.readOnly;
  });

  async function run(action, button) {
    button.disabled = true;
    try {
      const r = await act(action, id);
      said.textContent = action === 'cancel' ? 'cancelled' : num(r.retried) + ' dead tasks made ready again';
      await refresh();
    } catch (e) {
      said.textContent = action + ': ' + e.message;
    } finally {
      button.disabled = false;
    }
  }
  cancelButton.addEventListener('click', () => {
    if (window.confirm('Cancel job ' + id + '? Waiting tasks are dropped and running ones stopped.')) run('cancel', cancelButton);
  });
  retryButton.addEventListener('click', () => run('retry', retryButton));

  function figure(label, value, cls) {
    return el('div', { class: 'figure ' + (cls || '') }, el('div', { class: 'value', text: value }), el('div', { class: 'label', text: label }));
  }

  async function refresh() {
    const j = await api('/api/job?id=' + encodeURIComponent(id));
    document.getElementById('title').textContent = 'Job ' + j.id;
    clear(document.getElementById('figures')).append(
      el('div', { class: 'figure' }, stateBadge(j.state), el('div', { class: 'label', text: 'state' })),
      figure('kind', j.kind, 'kind'),
      figure('tasks', num(j.total), 'total'),
      figure('succeeded', num(j.succeeded), 'succeeded'),
      figure('failed (dead)', num(j.failed), 'failed'),
      figure('retried', num(j.retried), 'retried'),
      figure('recovered', num(j.recovered), 'recovered'),
      figure('tasks/s', j.tasksPerSecond === undefined ? '–' : dec(j.tasksPerSecond, 1), 'throughput'),
      figure('duration', duration(j.durationMillis), 'duration'));
    clear(document.getElementById('progress')).appendChild(progress(j.progress, num(j.done) + ' / ' + num(j.total) + ' tasks'));
    const ended = ['succeeded', 'failed', 'cancelled'].includes(j.state);
    cancelButton.disabled = ended;
    retryButton.disabled = j.failed === 0;
    jsonLink.hidden = j.result === null;
    csvLink.hidden = j.result === null || !j.csv;
    clear(document.getElementById('timeline')).append(...j.timeline.map(t => el('li', {}, el('strong', { text: t.event }), ' ' + time(t.at))));
    const params = JSON.stringify(j.params, null, 2);
    if (params !== lastParams) {
      document.getElementById('params').textContent = params;
      lastParams = params;
    }
    const result = j.result === null ? '(none yet)' : JSON.stringify(j.result, null, 2);
    if (result !== lastResult) {
      document.getElementById('result').textContent = result.length > 200000 ? result.slice(0, 200000) + '\n…' : result;
      lastResult = result;
    }
    document.getElementById('error').textContent = j.error || '';
    Kinds.render(document.getElementById('view'), j.view || { renderer: 'json' }, j);
    const dead = clear(document.getElementById('dead'));
    dead.appendChild(j.dead.length
      ? table(['task', 'reason', 'attempts', 'error', 'at'], j.dead.map(t => el('tr', {},
          td(t.task), td(t.reason), td(num(t.attempts), { class: 'n' }), td(el('div', { class: 'error', text: t.error })), td(time(t.at)))), { id: 'dead-table' })
      : el('p', { class: 'muted', text: 'None.' }));
  }
  poll(refresh);
})();
