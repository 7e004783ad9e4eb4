// Results page: every run under `esc50 serve --runs DIR`, with curves and confusion matrices.
import { nav, el, getJSON, percent, showError } from './common.js';

const $ = (id) => document.getElementById(id);
const charts = {};
nav('Results');
loadRuns().catch((error) => showError($('error'), error));

async function loadRuns() {
  const { root, runs } = await getJSON('/api/runs');
  $('runs-root').textContent = root
    ? `${runs.length} run(s) in ${root}`
    : 'Start the server with --runs DIR to see training runs here.';
  $('runs').tBodies[0].replaceChildren(...runs.map(runRow));
}

function accuracyText(run) {
  if (run.kind === 'cv' && run.mean_acc != null)
    return `${percent(run.mean_acc)} ± ${percent(run.std_acc ?? 0)}`;
  return run.test_acc != null ? percent(run.test_acc) : (run.finished === false ? 'running…' : '–');
}

function runRow(run) {
  const row = el('tr', { class: 'selectable', onclick: () => select(run.id, row) },
    el('td', { text: run.id }), el('td', { text: run.kind }), el('td', { text: run.model ?? '–' }),
    el('td', { text: run.protocol ?? '–' }), el('td', { text: run.fold ?? '–' }),
    el('td', { text: accuracyText(run) }),
    el('td', { text: run.kind === 'cv' ? `${run.folds} folds` : (run.epochs ?? '–') }),
    el('td', { text: run.seconds != null ? `${(run.seconds / 60).toFixed(1)} min` : '–' }));
  return row;
}

async function select(id, row) {
  document.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
  row.classList.add('selected');
  try {
    const details = await getJSON(`/api/runs/${id.split('/').map(encodeURIComponent).join('/')}`);
    $('details').classList.remove('hidden');
    $('details-title').textContent = details.kind === 'cv' ? `${id} (cross-validation)` : id;
    drawCurves(details);
    drawConfusion(details.class_names, details.confusion);
  } catch (error) {
    showError($('error'), error);
  }
}

// Per-epoch series: one run gives train/val; cross-validation gives one val line per fold.
function seriesOf(details, key) {
  const runs = details.kind === 'cv' ? details.folds : [{ id: details.id, metrics: details.metrics }];
  const series = [];
  for (const run of runs) {
    const name = details.kind === 'cv' ? run.id.split('/').pop() : '';
    if (details.kind !== 'cv') series.push({ label: `train ${key}`, data: run.metrics.map((m) => m[`train_${key}`]) });
    series.push({ label: `${name} val ${key}`.trim(), data: run.metrics.map((m) => m[`val_${key}`]) });
  }
  return series;
}

function lineChart(canvasId, title, series) {
  charts[canvasId]?.destroy();
  const length = Math.max(0, ...series.map((s) => s.data.length));
  charts[canvasId] = new Chart($(canvasId), {
    type: 'line',
    data: { labels: Array.from({ length }, (_, i) => i + 1),
      datasets: series.map((s) => ({ ...s, pointRadius: 0, borderWidth: 2 })) },
    options: { maintainAspectRatio: false, animation: false,
      plugins: { title: { display: true, text: title } },
      scales: { x: { title: { display: true, text: 'epoch' } } } },
  });
}

function drawCurves(details) {
  lineChart('accuracy-chart', 'accuracy', seriesOf(details, 'acc'));
  lineChart('loss-chart', 'loss', seriesOf(details, 'loss'));
}

// Rows are the true classes, columns the predicted ones; both axes carry the class names.
const kLabelMargin = 120;

function drawConfusion(names, confusion) {
  const canvas = $('confusion');
  const n = confusion.length;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!n) { $('confusion-info').textContent = '(no predictions.json)'; return; }
  const cell = (canvas.width - kLabelMargin) / n;
  const rowTotals = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
  const total = rowTotals.reduce((a, b) => a + b, 0);
  $('confusion-info').textContent = `(${total} clips, accuracy ${percent(total ? correct / total : 0)})`;
  confusion.forEach((row, r) => row.forEach((count, c) => {
    const share = rowTotals[r] ? count / rowTotals[r] : 0;
    ctx.fillStyle = r === c ? `rgba(47,111,222,${0.1 + 0.9 * share})` : `rgba(192,57,43,${share ? 0.15 + 0.85 * share : 0})`;
    ctx.fillRect(kLabelMargin + c * cell, kLabelMargin + r * cell, cell, cell);
  }));
  ctx.fillStyle = '#223';
  ctx.font = `${Math.max(7, Math.min(12, cell - 1))}px sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  names.forEach((name, i) => ctx.fillText(name, kLabelMargin - 4, kLabelMargin + (i + 0.5) * cell, kLabelMargin - 6));
  names.forEach((name, i) => {
    ctx.save();
    ctx.translate(kLabelMargin + (i + 0.5) * cell, kLabelMargin - 4);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(name, 0, 0, kLabelMargin - 6);
    ctx.restore();
  });
  canvas.onmousemove = (e) => {
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const c = Math.floor(((e.clientX - box.left) * scale - kLabelMargin) / cell);
    const r = Math.floor(((e.clientY - box.top) * scale - kLabelMargin) / cell);
    if (r >= 0 && r < n && c >= 0 && c < n)
      $('confusion-cell').textContent = `true ${names[r]} → predicted ${names[c]}: ${confusion[r][c]} of ${rowTotals[r]}`;
  };
  drawRecall(names, confusion, rowTotals);
}

function drawRecall(names, confusion, rowTotals) {
  const recall = names.map((name, i) => ({ name, value: rowTotals[i] ? confusion[i][i] / rowTotals[i] : 0 }))
    .sort((a, b) => a.value - b.value);
  charts.recall?.destroy();
  charts.recall = new Chart($('recall-chart'), {
    type: 'bar',
    data: { labels: recall.map((r) => r.name), datasets: [{ data: recall.map((r) => r.value), backgroundColor: '#2f6fde' }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, animation: false,
      scales: { x: { min: 0, max: 1 }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
      plugins: { legend: { display: false } } },
  });
}
