'use strict';
(() => {
  const { el, clear, api, poll, nav, jobLink, progress, num, duration, stateBadge, table, td } = Scatter;
  nav('/');
  let chart = null;

  function figure(label, value, id) {
    return el('div', { class: 'figure' }, el('div', { class: 'value', id, text: value }), el('div', { class: 'label', text: label }));
  }

  function drawRate(points) {
    const xs = points.map(p => p[0]);
    const ys = points.map(p => p[1]);
    const data = [xs, ys];
    const box = document.getElementById('rate');
    if (!chart) {
      chart = new uPlot({
        width: Math.max(300, box.clientWidth - 10), height: 240,
        series: [{}, { label: 'tasks/s', stroke: '#3b82f6', fill: 'rgba(59,130,246,0.12)', width: 2 }],
        axes: [{}, { label: 'tasks/s' }],
        scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } }
      }, data, box);
    } else {
      chart.setData(data);
    }
    box.setAttribute('data-points', String(points.length));
  }

  poll(async () => {
    const o = await api('/api/overview');
    const figures = clear(document.getElementById('figures'));
    figures.append(
      figure('outstanding tasks', num(o.outstanding), 'fig-outstanding'),
      figure('live runners', num(o.runners), 'fig-runners'),
      figure('runner threads', num(o.threads), 'fig-threads'),
      figure('tasks running', num(o.tasksRunning), 'fig-running'));
    const rows = o.queues.map(q => el('tr', { 'data-queue': q.queue },
      td(q.queue), td(num(q.ready), { class: 'n ready' }), td(num(q.delayed), { class: 'n delayed' }),
      td(num(q.inFlight), { class: 'n inflight' }),
      td(num(q.dead) + (o.at - q.deadAt > 3000 ? ' (' + Math.round((o.at - q.deadAt) / 1000) + ' s ago)' : ''), { class: 'n dead' }),
      td(num(q.outstanding), { class: 'n outstanding' }), td(num(q.malformed), { class: 'n malformed' })));
    clear(document.getElementById('queues')).appendChild(
      table(['queue', 'ready', 'delayed', 'in flight', 'dead', 'outstanding', 'malformed'], rows, { id: 'queue-table' }));
    drawRate(o.rates);
    const running = o.running.map(j => el('tr', { 'data-job': j.id },
      td(jobLink(j.id)), td(j.kind), td(stateBadge(j.state)),
      td(progress(j.progress, num(j.done) + ' / ' + num(j.total))), td(duration(j.ageMillis))));
    const box = clear(document.getElementById('running'));
    box.appendChild(running.length ? table(['job', 'kind', 'state', 'progress', 'age'], running, { id: 'running-table' })
      : el('p', { class: 'muted', text: 'Every job has ended.' }));
  });
})();
