'use strict';
// The drawings of a job's view, keyed by the view's renderer: the figures come from the job's kind (its
// DashboardView, in Java), and a view whose renderer is not one of these shows the result as JSON.
const Kinds = (() => {
  const { el, clear, num, dec, table, td } = Scatter;
  const SVG = 'http://www.w3.org/2000/svg';
  const charts = new WeakMap();

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // Viridis, sampled: perceptually even, and readable by most colour-blind people.
  const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function colour(t) {
    const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    const f = x - i;
    const c = VIRIDIS[i].map((a, k) => Math.round(a + (VIRIDIS[i + 1][k] - a) * f));
    return 'rgb(' + c.join(',') + ')';
  }

  function note(box, text) {
    box.appendChild(el('p', { class: 'muted', text }));
  }

  function pi(box, v) {
    let state = charts.get(box);
    const points = v.points || [];
    if (!state) {
      clear(box);
      const figures = el('div', { class: 'figures', id: 'pi-figures' });
      const chartBox = el('div', { class: 'chart', id: 'pi-chart' });
      box.append(figures, chartBox);
      state = { figures, chartBox, chart: null };
      charts.set(box, state);
    }
    clear(state.figures);
    if (v.note) state.figures.appendChild(el('p', { class: 'muted', text: v.note }));
    if (v.estimate !== undefined) {
      state.figures.append(
        el('div', { class: 'figure' }, el('div', { class: 'value', id: 'pi-estimate', text: dec(v.estimate, 6) }), el('div', { class: 'label', text: v.live ? 'estimate so far' : 'estimate' })),
        el('div', { class: 'figure' }, el('div', { class: 'value', id: 'pi-band', text: dec(v.low, 6) + ' – ' + dec(v.high, 6) }), el('div', { class: 'label', text: '95% interval' })),
        el('div', { class: 'figure' }, el('div', { class: 'value', text: num(v.samples) }), el('div', { class: 'label', text: 'samples' })));
    }
    const data = [points.map(p => p.tasks), points.map(p => p.estimate), points.map(p => p.low), points.map(p => p.high), points.map(() => Math.PI)];
    state.chartBox.setAttribute('data-points', String(points.length));
    if (!points.length) return;
    if (!state.chart) {
      state.chart = new uPlot({
        width: Math.max(300, state.chartBox.clientWidth - 10), height: 280,
        scales: { x: { time: false } },
        axes: [{ label: 'tasks completed' }, { label: 'estimate of pi', size: 80, values: (u, ticks) => ticks.map(t => t.toFixed(5)) }],
        series: [{ label: 'tasks' },
          { label: 'estimate', stroke: '#1d4ed8', width: 2 },
          { label: '95% low', stroke: 'rgba(29,78,216,0.35)' },
          { label: '95% high', stroke: 'rgba(29,78,216,0.35)' },
          { label: 'π', stroke: '#b3261e', dash: [6, 4] }],
        bands: [{ series: [3, 2], fill: 'rgba(59,130,246,0.18)' }]
      }, data, state.chartBox);
    } else {
      state.chart.setData(data);
    }
  }

  function sweep(box, v) {
    clear(box);
    charts.delete(box);
    if (v.note) return note(box, v.note);
    if (v.heatmap) box.appendChild(heatmap(v.heatmap, v.scoring));
    const names = [];
    v.ranked.forEach(c => Object.keys(c.params || {}).forEach(n => { if (!names.includes(n)) names.push(n); }));
    box.appendChild(el('h2', { text: 'Cells by rank' + (v.cellCount > v.ranked.length ? ' (best ' + v.ranked.length + ' of ' + num(v.cellCount) + ')' : '') }));
    box.appendChild(table(['rank', ...names, 'mean ' + (v.scoring || 'score'), 'std', 'fit s'], v.ranked.map(c => el('tr', { 'data-rank': c.rank },
      td(num(c.rank), { class: 'n' }), ...names.map(n => td(c.params && n in c.params ? (typeof c.params[n] === 'string' ? c.params[n] : JSON.stringify(c.params[n])) : '–')),
      td(dec(c.meanScore), { class: 'n mean' }), td(dec(c.stdScore), { class: 'n' }), td(dec(c.meanFitSeconds, 3), { class: 'n' }))), { id: 'ranked-table' }));
  }

  function heatmap(h, scoring) {
    const cell = 56;
    const left = 110;
    const top = 40;
    const w = left + h.xLabels.length * cell + 120;
    const height = top + h.yLabels.length * cell + 50;
    const s = svg('svg', { width: w, height, id: 'heatmap', role: 'img', 'aria-label': 'heatmap of mean score' });
    s.appendChild(svg('text', { x: left, y: 14 }, 'mean ' + (scoring || 'score') + ' over ' + (h.x || '–') + ' × ' + (h.y || '–')
      + (h.collapsed ? ' (best over ' + h.collapsed + ' other parameter' + (h.collapsed > 1 ? 's' : '') + ')' : '')));
    const span = h.scaleHigh - h.scaleLow;
    h.values.forEach((row, yi) => {
      s.appendChild(svg('text', { x: left - 6, y: top + yi * cell + cell / 2 + 4, 'text-anchor': 'end' }, h.yLabels[yi]));
      row.forEach((value, xi) => {
        const x = left + xi * cell;
        const y = top + yi * cell;
        const t = value === null ? 0 : span > 0 ? (value - h.scaleLow) / span : 1;
        const best = xi === h.bestX && yi === h.bestY;
        const rect = svg('rect', { x, y, width: cell - 2, height: cell - 2, fill: value === null ? '#e5e7eb' : colour(t),
          class: best ? 'cell best' : 'cell', 'data-value': value === null ? '' : value });
        rect.appendChild(svg('title', {}, (h.x ? h.x + '=' + h.xLabels[xi] : '') + (h.y ? ', ' + h.y + '=' + h.yLabels[yi] : '') + ': ' + (value === null ? 'no score' : dec(value))));
        s.appendChild(rect);
        if (value !== null) {
          s.appendChild(svg('text', { x: x + cell / 2 - 1, y: y + cell / 2 + 4, 'text-anchor': 'middle',
            class: t > 0.6 ? 'on-light' : 'on-dark' }, (best ? '★ ' : '') + dec(value, 3)));
        }
      });
    });
    h.xLabels.forEach((label, xi) => s.appendChild(svg('text', { x: left + xi * cell + cell / 2, y: top + h.yLabels.length * cell + 14, 'text-anchor': 'middle' }, label)));
    s.appendChild(svg('text', { x: left + h.xLabels.length * cell / 2, y: top + h.yLabels.length * cell + 32, 'text-anchor': 'middle' }, h.x || ''));
    // The legend: the scale runs from the median cell to the best; every cell below the median is the bottom colour.
    const lx = left + h.xLabels.length * cell + 20;
    for (let i = 0; i < 10; i++) {
      s.appendChild(svg('rect', { x: lx, y: top + (9 - i) * 14, width: 16, height: 14, fill: colour(i / 9) }));
    }
    s.appendChild(svg('text', { x: lx + 22, y: top + 10 }, dec(h.scaleHigh, 3) + ' (best)'));
    s.appendChild(svg('text', { x: lx + 22, y: top + 140 }, '≤ ' + dec(h.scaleLow, 3)));
    return el('div', { class: 'heatmap' }, s);
  }

  function cmd(box, v) {
    clear(box);
    charts.delete(box);
    if (v.note) return note(box, v.note);
    box.appendChild(el('p', { text: num(v.tasks) + ' commands, ' + num(v.failedCount) + ' exited non-zero' }));
    box.appendChild(table(['metric', 'mean', 'std', 'min', 'max', 'count', 'distribution'], v.metrics.map(m => el('tr', { 'data-metric': m.name },
      td(m.name), td(dec(m.mean), { class: 'n mean' }), td(dec(m.std), { class: 'n' }), td(dec(m.min), { class: 'n' }),
      td(dec(m.max), { class: 'n' }), td(num(m.count), { class: 'n' }), td(histogram(m.histogram)))), { id: 'metrics-table' }));
    if (v.failed.length) {
      box.appendChild(el('h2', { text: 'Commands that exited non-zero' }));
      box.appendChild(table(['task', 'exit code', 'timed out', 'stderr (end)'], v.failed.map(f => el('tr', {},
        td(f.task), td(f.exitCode), td(f.timedOut ? 'yes' : 'no'), td(el('pre', { text: f.stderrTail })))), { id: 'failed-table' }));
    }
  }

  function histogram(counts) {
    const w = 160;
    const h = 36;
    const max = Math.max(1, ...counts);
    const s = svg('svg', { width: w, height: h, class: 'histogram' });
    counts.forEach((c, i) => {
      const bh = Math.round((c / max) * (h - 2));
      s.appendChild(svg('rect', { x: i * (w / counts.length), y: h - bh, width: w / counts.length - 1, height: bh, fill: '#3b82f6' }));
    });
    return s;
  }

  function json(box, v, job) {
    clear(box);
    charts.delete(box);
    box.appendChild(job.result === null ? el('p', { class: 'muted', text: 'No result yet.' })
      : el('pre', { id: 'result-json', text: JSON.stringify(job.result, null, 2) }));
  }

  const RENDERERS = { pi, sweep, cmd, json };

  const drawn = new WeakMap();

  // Redrawn only when what it shows changed: a finished sweep's table is not rebuilt every refresh.
  function render(box, view, job) {
    const key = JSON.stringify(view) + (view.renderer === 'json' || !RENDERERS[view.renderer] ? JSON.stringify(job.result) : '');
    if (drawn.get(box) === key) return;
    drawn.set(box, key);
    (RENDERERS[view.renderer] || json)(box, view, job);
  }

  return { render };
})();
