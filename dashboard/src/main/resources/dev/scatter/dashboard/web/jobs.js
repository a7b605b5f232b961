'use strict';
(() => {
  const { el, clear, api, session, poll, nav, jobLink, progress, num, duration, stateBadge, table, td, param } = Scatter;
  nav('/jobs');
  const queueSelect = document.getElementById('queue');
  const stateSelect = document.getElementById('state');
  let page = Number(param('page')) || 0;
  stateSelect.value = param('state') || '';

  session().then(s => {
    for (const q of s.queues) queueSelect.appendChild(el('option', { value: q, text: q }));
    const wanted = param('queue');
    if (wanted && !s.queues.includes(wanted)) queueSelect.appendChild(el('option', { value: wanted, text: wanted }));
    if (wanted) queueSelect.value = wanted;
  });

  function go(newPage) {
    page = Math.max(0, newPage);
    const q = new URLSearchParams({ queue: queueSelect.value, state: stateSelect.value, page: String(page) });
    history.replaceState(null, '', '/jobs?' + q.toString());
    refresh();
  }
  queueSelect.addEventListener('change', () => go(0));
  stateSelect.addEventListener('change', () => go(0));
  document.getElementById('prev').addEventListener('click', () => go(page - 1));
  document.getElementById('next').addEventListener('click', () => go(page + 1));

  async function refresh() {
    await session();
    const q = new URLSearchParams({ queue: queueSelect.value || param('queue') || '', state: stateSelect.value, page: String(page), size: '25' });
    const r = await api('/api/jobs?' + q.toString());
    const rows = r.jobs.map(j => el('tr', { 'data-job': j.id },
      td(jobLink(j.id)), td(stateBadge(j.state)), td(j.kind),
      td(progress(j.progress, num(j.done) + ' / ' + num(j.total))),
      td(num(j.succeeded), { class: 'n' }), td(num(j.failed), { class: 'n' }), td(num(j.retried), { class: 'n' }),
      td(num(j.recovered), { class: 'n' }), td(duration(j.ageMillis)), td(duration(j.durationMillis))));
    const box = clear(document.getElementById('jobs'));
    box.appendChild(rows.length ? table(['job', 'state', 'kind', 'progress', 'succeeded', 'failed', 'retried', 'recovered', 'age', 'duration'], rows, { id: 'jobs-table' })
      : el('p', { class: 'muted', text: 'No jobs here.' }));
    document.getElementById('count').textContent = num(r.jobCount) + ' jobs in the queue\'s index'
      + (r.scanLimited ? ' (the newest ' + num(r.scanned) + ' were searched for this state)' : '');
    document.getElementById('pageno').textContent = 'page ' + (page + 1);
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = !r.more;
  }
  poll(refresh);
})();
