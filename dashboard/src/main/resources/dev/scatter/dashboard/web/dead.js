'use strict';
(() => {
  const { el, clear, api, session, poll, nav, jobLink, num, time, table, td, param } = Scatter;
  nav('/dead');
  const queueSelect = document.getElementById('queue');
  session().then(s => {
    for (const q of s.queues) queueSelect.appendChild(el('option', { value: q, text: q }));
    if (param('queue')) {
      if (!s.queues.includes(param('queue'))) queueSelect.appendChild(el('option', { value: param('queue'), text: param('queue') }));
      queueSelect.value = param('queue');
    }
  });
  queueSelect.addEventListener('change', () => {
    history.replaceState(null, '', '/dead?queue=' + encodeURIComponent(queueSelect.value));
    refresh();
  });

  async function refresh() {
    await session();
    const r = await api('/api/dead?queue=' + encodeURIComponent(queueSelect.value || param('queue') || ''));
    document.getElementById('summary').textContent = num(r.jobsWithDead) + ' of the newest ' + num(r.scannedJobs)
      + ' jobs have dead tasks';
    const box = clear(document.getElementById('dead'));
    if (!r.jobs.length) box.appendChild(el('p', { class: 'muted', text: 'No dead tasks.' }));
    for (const j of r.jobs) {
      box.appendChild(el('h2', {}, jobLink(j.id), ' ', el('span', { class: 'muted', text: j.kind + ', ' + j.state + ', ' + num(j.failed) + ' dead' })));
      box.appendChild(table(['task', 'reason', 'attempts', 'error', 'at'], j.tasks.map(t => el('tr', {},
        td(t.task), td(t.reason), td(num(t.attempts), { class: 'n' }), td(el('div', { class: 'error', text: t.error })), td(time(t.at))))));
    }
    const m = clear(document.getElementById('malformed'));
    m.appendChild(r.malformed.length
      ? table(['entry', 'reason', 'at'], r.malformed.map(e => el('tr', {}, td(e.entry), td(e.reason), td(time(e.at)))), { id: 'malformed-table' })
      : el('p', { class: 'muted', text: 'None (' + num(r.malformedCount) + ' in the queue).' }));
  }
  poll(refresh);
})();
