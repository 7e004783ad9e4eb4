// Draws the esc50 report from the JSON that `esc50 report` embedded in the page. All numbers
// are computed by esc50 (C++); this script only lays them out.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const root = document.getElementById('report');
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
                   '#7f7f7f', '#bcbd22', '#17becf'];
  Chart.defaults.animation = false;  // draw at once: printing, screenshots and tests see it all
  Chart.defaults.maintainAspectRatio = false;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }
  const pct = (x, digits = 1) => (x === null || x === undefined) ? '–' : (100 * x).toFixed(digits) + ' %';
  const fixed = (x, digits = 3) => (x === null || x === undefined) ? '–' : Number(x).toFixed(digits);
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const m = Math.round(seconds / 60);
    return m >= 60 ? Math.floor(m / 60) + ' h ' + (m % 60) + ' min' : m + ' min';
  }

  // rows: arrays of cells; a cell is text, a Node, or {text, cls}.
  function table(headers, rows) {
    const head = el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]);
    const body = el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => {
      if (cell instanceof Node) return el('td', { class: 'text' }, [cell]);
      if (cell && typeof cell === 'object') return el('td', { text: cell.text, class: cell.cls || '' });
      const text = String(cell);
      return el('td', { text, class: /^[-+−]?[\d.–]/.test(text) ? '' : 'text' });
    }))));
    return el('div', { class: 'scroll' }, [el('table', {}, [head, body])]);
  }

  // Charts are created once their canvas is in the page, so Chart.js can measure it.
  const pendingCharts = [];
  function chartBox(config, height) {
    const canvas = el('canvas');
    const box = el('div', { class: 'chart' }, [canvas]);
    if (height) box.style.height = height + 'px';
    pendingCharts.push(() => new Chart(canvas, config));
    return box;
  }

  function accuracyText(run) {
    if (run.mean_accuracy === null) return '–';
    return run.cross_validation && run.folds.length > 1
      ? pct(run.mean_accuracy) + ' ± ' + pct(run.std_accuracy) : pct(run.mean_accuracy);
  }

  function comparisonSection() {
    const rows = data.runs.map((run) => {
      const m = run.metrics;
      return [run.name, run.augmentation, run.model ?? '–', run.protocol ?? '–', run.settings.seed ?? '–',
              run.settings.train?.epochs ?? '–', run.folds.length,
              accuracyText(run), m ? pct(m.accuracy) : '–', m ? pct(m.top_k_accuracy) : '–',
              m ? pct(m.macro.f1) : '–', duration(run.seconds)];
    });
    return el('section', {}, [
      el('h2', { text: 'Comparison' }),
      table(['run', 'augmentation', 'model', 'protocol', 'seed', 'epochs', 'folds', 'accuracy (mean ± std over folds)',
             'pooled accuracy', 'top-5', 'macro F1', 'training time (sum over folds)'], rows),
      el('p', { class: 'note', text: 'Accuracy is over held-out folds; ± is the standard deviation of the per-fold accuracies.' }),
      ...[pairedTable(), groupTable()].filter(Boolean),
    ]);
  }

  const signedPoints = (x) => (x > 0 ? '+' : '') + (100 * x).toFixed(2);

  // Each later run against the first, fold by fold (a paired t-test over the folds).
  function pairedTable() {
    const rows = data.paired_differences;
    if (!rows) return null;
    const base = data.runs[0].name;
    return el('div', {}, [
      el('h3', { text: 'Accuracy difference against ' + base }),
      table(['run', 'folds in common', 'per fold (points)', 'mean ± std (points)', '95 % interval', 'verdict'],
        rows.map((d, i) => {
          const name = data.runs[i + 1].name + ' − ' + base;
          if (!d) return [name, '–', '–', '–', '–', 'no predictions'];
          if (d.folds.length === 0) return [name, 0, '–', '–', '–', d.verdict];
          const interval = d.half_width === null ? '–'
            : signedPoints(d.mean - d.half_width) + ' … ' + signedPoints(d.mean + d.half_width);
          const verdict = d.verdict;
          return [name, d.folds.length, d.folds.map((f, k) => f + ': ' + signedPoints(d.differences[k])).join(' / '),
                  signedPoints(d.mean) + ' ± ' + (100 * d.std).toFixed(2), interval,
                  { text: verdict, cls: verdict === 'better' ? 'up' : verdict === 'worse' ? 'down' : 'text' }];
        })),
      el('p', { class: 'note', text: 'The interval is the mean per-fold difference ± Student\'s t (95 %) × std × √(1/folds + test/train clips), Nadeau and Bengio\'s correction for folds whose training sets overlap; when it contains zero the difference is inside the noise.' }),
    ]);
  }

  function groupTable() {
    const groups = data.class_groups;
    if (!groups || groups.length === 0) return null;
    return el('div', {}, [
      el('h3', { text: 'Recall of class groups (pooled over folds)' }),
      table(['group', 'classes', ...data.runs.map((r) => r.name)],
        groups.map((g) => [g.name, g.classes.join(', '),
          ...g.runs.map((r) => r ? r.correct + '/' + r.support + ' (' + pct(r.recall) + ')' : '–')])),
    ]);
  }

  function differencesSection() {
    const diffs = data.per_class_differences;
    if (!diffs) return null;
    const runs = data.runs;
    const spread = (row) => Math.max(...row.delta.map(Math.abs));
    const sorted = [...diffs].sort((a, b) => spread(b) - spread(a));
    const datasets = runs.slice(1).map((run, i) => ({
      label: run.name + ' − ' + runs[0].name,
      data: sorted.map((row) => 100 * row.delta[i + 1]),
      backgroundColor: palette[(i + 1) % palette.length],
    }));
    const chart = chartBox({
      type: 'bar',
      data: { labels: sorted.map((row) => row.name), datasets },
      options: { indexAxis: 'y', scales: { x: { title: { display: true, text: 'F1 difference (points)' } },
                                           y: { ticks: { autoSkip: false, font: { size: 10 } } } } },
    }, 40 + 16 * sorted.length);
    const rows = sorted.map((row) => [row.name, ...row.f1.map((f) => pct(f)),
      ...row.delta.slice(1).map((d) => ({ text: (d > 0 ? '+' : '') + (100 * d).toFixed(1), cls: d > 0 ? 'up' : d < 0 ? 'down' : '' }))]);
    return el('section', {}, [
      el('h2', { text: 'Per-class F1 against ' + runs[0].name }),
      chart,
      el('details', {}, [el('summary', { text: 'table' }),
        table(['class', ...runs.map((r) => 'F1 ' + r.name), ...runs.slice(1).map((r) => 'Δ ' + r.name)], rows)]),
    ]);
  }

  function curveChart(run, trainKey, valKey, title) {
    const datasets = [];
    run.curves.forEach((c, i) => {
      const colour = palette[i % palette.length];
      const points = (key) => c.epoch.map((e, k) => ({ x: e ?? k + 1, y: c[key][k] }));
      const fold = run.curves.length > 1 ? 'fold ' + c.fold + ' ' : '';
      datasets.push({ label: fold + 'validation', data: points(valKey), borderColor: colour, backgroundColor: colour, pointRadius: 0, borderWidth: 2 });
      datasets.push({ label: fold + 'training', data: points(trainKey), borderColor: colour, backgroundColor: colour, pointRadius: 0, borderWidth: 1, borderDash: [5, 4] });
    });
    return chartBox({
      type: 'line',
      data: { datasets },
      options: {
        parsing: true, spanGaps: false,
        scales: { x: { type: 'linear', title: { display: true, text: 'epoch' } }, y: { title: { display: true, text: title } } },
        plugins: { legend: { labels: { boxWidth: 14, font: { size: 11 } } } },
      },
    });
  }

  // Viridis through nine anchors, linearly interpolated.
  const viridisAnchors = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
                          [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];
  function viridis(t) {
    const x = Math.min(1, Math.max(0, t)) * (viridisAnchors.length - 1);
    const i = Math.min(viridisAnchors.length - 2, Math.floor(x));
    const f = x - i;
    const c = viridisAnchors[i].map((v, k) => Math.round(v + f * (viridisAnchors[i + 1][k] - v)));
    return 'rgb(' + c.join(',') + ')';
  }

  const tooltip = el('div', { class: 'tooltip' });
  document.body.append(tooltip);

  function heatmap(metrics) {
    const names = metrics.class_names, n = names.length;
    const cell = n > 20 ? 12 : 24;
    const font = '10px sans-serif';
    const measure = document.createElement('canvas').getContext('2d');
    measure.font = font;
    const label = 8 + Math.ceil(Math.max(...names.map((name) => measure.measureText(name).width)));
    const canvas = el('canvas', { class: 'heatmap', width: label + n * cell + 4, height: label + n * cell + 4 });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.font = font;
    ctx.fillStyle = '#1d2329';
    ctx.textBaseline = 'middle';
    names.forEach((name, i) => {
      ctx.textAlign = 'right';
      ctx.fillText(name, label - 4, label + (i + 0.5) * cell);
      ctx.save();
      ctx.translate(label + (i + 0.5) * cell, label - 4);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'left';
      ctx.fillText(name, 0, 0);
      ctx.restore();
    });
    metrics.confusion_normalised.forEach((row, a) => row.forEach((v, p) => {
      ctx.fillStyle = viridis(v);
      ctx.fillRect(label + p * cell, label + a * cell, cell, cell);
    }));
    canvas.addEventListener('mousemove', (event) => {
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const p = Math.floor(((event.clientX - box.left) * scale - label) / cell);
      const a = Math.floor(((event.clientY - box.top) * scale - label) / cell);
      if (a < 0 || p < 0 || a >= n || p >= n) { tooltip.style.display = 'none'; return; }
      tooltip.textContent = names[a] + ' → ' + names[p] + ': ' + metrics.confusion[a][p] + ' clips (' + pct(metrics.confusion_normalised[a][p], 0) + ' of ' + names[a] + ')';
      tooltip.style.left = event.clientX + 12 + 'px';
      tooltip.style.top = event.clientY + 12 + 'px';
      tooltip.style.display = 'block';
    });
    canvas.addEventListener('mouseleave', () => { tooltip.style.display = 'none'; });
    return el('div', { class: 'scroll' }, [canvas]);
  }

  function f1Bars(metrics, colour) {
    const order = metrics.per_class.map((c, i) => i).sort((a, b) => metrics.per_class[b].f1 - metrics.per_class[a].f1);
    return chartBox({
      type: 'bar',
      data: { labels: order.map((i) => metrics.class_names[i]),
              datasets: [{ label: 'F1', data: order.map((i) => 100 * metrics.per_class[i].f1), backgroundColor: colour }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } },
                 scales: { x: { min: 0, max: 100, title: { display: true, text: 'F1 (%)' } }, y: { ticks: { autoSkip: false, font: { size: 10 } } } } },
    }, 40 + 14 * order.length);
  }

  function exampleLinks(stems) {
    return el('span', { class: 'examples' }, stems.map((stem) => {
      const url = data.clip_urls[stem];
      if (!url) return el('span', { text: stem + ' ' });
      const link = el('a', { href: url, title: 'play ' + stem, text: '▶ ' + stem });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const audio = el('audio', { controls: '', autoplay: '', src: url });
        link.replaceWith(audio);
      });
      return link;
    }));
  }

  function metricsBlock(run, colour) {
    const m = run.metrics;
    if (!m) return [el('p', { class: 'note', text: 'No predictions.json yet: metrics appear once training has finished a fold.' })];
    const parts = [
      el('p', { text: m.clips + ' held-out clips · accuracy ' + pct(m.accuracy) + ' · top-' + m.top_k + ' ' + pct(m.top_k_accuracy) +
                      ' · macro precision ' + pct(m.macro.precision) + ', recall ' + pct(m.macro.recall) + ', F1 ' + pct(m.macro.f1) }),
    ];
    if (m.categories.length) {
      parts.push(el('h3', { text: 'Accuracy per category' }),
        table(['category', 'accuracy', 'clips', 'predicted within the category'],
          m.categories.map((g) => [g.name, pct(g.accuracy), g.support, pct(g.support ? g.same_group / g.support : null)])));
    }
    parts.push(el('h3', { text: 'Confusion matrix (rows: actual, columns: predicted; share of the actual class)' }), heatmap(m));
    parts.push(el('h3', { text: 'F1 per class' }), f1Bars(m, colour));
    parts.push(el('h3', { text: 'Most confused' }),
      m.confused_pairs.length === 0 ? el('p', { text: 'No mistakes.' }) :
        table(['actual', 'predicted as', 'clips', 'share of class', 'examples'],
          m.confused_pairs.map((p) => [p.actual_name, { text: p.predicted_name, cls: 'text' }, p.count, pct(p.rate, 0), exampleLinks(p.examples)])));
    return parts;
  }

  function foldTable(run) {
    return table(['fold', 'epochs', 'held-out accuracy', 'best epoch (validation)', 'validation acc'],
      run.folds.map((f) => [f.fold, f.epochs, pct(f.accuracy), f.final?.best_epoch ?? '–', pct(f.final?.val_acc)]));
  }

  function runSection(run, index) {
    const colour = palette[index % palette.length];
    return el('section', { class: 'run' }, [
      el('h2', { text: run.name }),
      el('p', { class: 'note', text: run.path }),
      el('p', { text: 'augmentation ' + run.augmentation + ' · model ' + (run.model ?? '–') + ' · protocol ' + (run.protocol ?? '–') +
                      ' · accuracy ' + accuracyText(run) + ' · training time ' + duration(run.seconds) }),
      foldTable(run),
      el('h3', { text: 'Loss' }), curveChart(run, 'train_loss', 'val_loss', 'loss'),
      el('h3', { text: 'Accuracy' }), curveChart(run, 'train_acc', 'val_acc', 'accuracy'),
      ...metricsBlock(run, colour),
      el('details', {}, [el('summary', { text: 'settings (config.json)' }), el('pre', { text: JSON.stringify(run.settings, null, 2) })]),
    ]);
  }

  root.replaceChildren(
    comparisonSection(),
    ...[differencesSection()].filter(Boolean),
    el('div', { class: 'runs' }, data.runs.map(runSection)));
  pendingCharts.forEach((create) => create());
})();
