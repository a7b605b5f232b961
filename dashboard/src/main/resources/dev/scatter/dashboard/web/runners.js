'use strict';
(() => {
  const { el, clear, api, poll, nav, num, duration, table, td } = Scatter;
  nav('/runners');
  poll(async () => {
    const r = await api('/api/runners');
    const rows = r.runners.map(x => el('tr', { 'data-runner': x.id },
      td(x.id), td(x.host), td(String(x.pid), { class: 'n' }), td(num(x.threads), { class: 'n' }),
      td(num(x.inFlight), { class: 'n inflight' }), td((x.queues || []).join(', ')), td((x.kinds || []).join(', ')),
      td(x.sinceHeartbeatMillis === undefined ? '–' : duration(x.sinceHeartbeatMillis) + ' ago'),
      td(x.version), td(duration(x.uptimeMillis))));
    clear(document.getElementById('runners')).appendChild(rows.length
      ? table(['runner', 'host', 'pid', 'threads', 'in flight', 'queues', 'kinds', 'last heartbeat', 'version', 'uptime'], rows, { id: 'runners-table' })
      : el('p', { class: 'muted', text: 'No live runner.' }));
  });
})();
