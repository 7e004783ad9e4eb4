// Classify page: upload or record a clip, show the model's answer, its spectrogram and the
// clip after each augmentation policy.
import { nav, el, post, getJSON, percent, showError } from './common.js';
import { record } from './wav.js';
import { Listener } from './listen.js';
import { drawTimeline, readLines } from './timeline.js';

const POLICIES = ['balanced', 'acoustic', 'adaptive'];
const $ = (id) => document.getElementById(id);
let current = null;  // {blob, result}
let allChart = null;
const objectUrls = [];

nav('Classify');
setupInput();

function setupInput() {
  const drop = $('drop');
  const input = $('file');
  drop.addEventListener('click', () => input.click());
  input.addEventListener('change', () => input.files[0] && analyse(input.files[0], input.files[0].name));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files[0]) analyse(e.dataTransfer.files[0], e.dataTransfer.files[0].name);
  });
  $('record').addEventListener('click', toggleRecording);
  $('listen').addEventListener('click', toggleListening);
  $('reroll').addEventListener('click', () => current && showAugmented(current.blob, current.result));
}

let listener = null;
async function toggleListening() {
  const button = $('listen');
  if (listener) {
    listener.stop();
    listener = null;
    button.textContent = '◉ Listen continuously';
    return;
  }
  try {
    const classes = await getJSON('/api/classes');
    listener = new Listener({
      windowSeconds: classes.model.features.clip_seconds,
      onTop: (top) => $('live-top').replaceChildren(...top.map((t) => el('div', { class: 'top-row' },
        el('span', { text: t.class }), el('span', { text: percent(t.probability) })))),
      canvas: $('live-timeline'),
      eventsList: $('live-events'),
      status: $('live-status'),
    });
    await listener.start();
    $('live').classList.remove('hidden');
    button.textContent = '■ Stop listening';
  } catch (error) {
    listener = null;
    showError($('error'), new Error(`Listening unavailable: ${error.message}`));
  }
}

let recorder = null;
async function toggleRecording() {
  const button = $('record');
  if (recorder) {
    recorder.stop();
    recorder = null;
    button.classList.remove('recording');
    button.textContent = '● Record from the microphone';
    return;
  }
  try {
    recorder = await record((wav) => analyse(wav, 'recording.wav'));
    button.classList.add('recording');
    button.textContent = '■ Stop and classify';
  } catch (error) {
    showError($('error'), new Error(`Microphone unavailable: ${error.message}`));
  }
}

function url(blob) {
  const u = URL.createObjectURL(blob);
  objectUrls.push(u);
  return u;
}

async function analyse(blob, name) {
  $('error').classList.add('hidden');
  $('status').textContent = `Classifying ${name} …`;
  objectUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
  try {
    const form = new FormData();
    form.append('file', blob, name);
    const result = await classifyStreaming(form, name);
    current = { blob, result };
    $('result').classList.remove('hidden');
    showTop(result, name);
    showAllClasses(result);
    showTimeline(result);
    $('original-player').src = url(blob);
    await Promise.all([showSpectrogram(blob, $('spectrogram')), showAugmented(blob, result)]);
    $('status').textContent = `${name}: done`;
  } catch (error) {
    $('status').textContent = '';
    showError($('error'), error);
  }
}

function showTop(result, name) {
  const rows = $('top-rows');
  rows.replaceChildren(...result.top.map((t) => el('div', { class: 'top-row' },
    el('span', { text: t.class }),
    el('div', { class: 'bar' }, el('div', { style: `width:${(100 * t.probability).toFixed(1)}%` })),
    el('span', { text: percent(t.probability) }))));
  $('clip-info').textContent = `${name} · ${result.duration_s.toFixed(2)} s · ${result.windows.length} window(s)`;
}

function showAllClasses(result) {
  $('all-classes-title').textContent = `All ${result.class_names.length} classes`;
  const data = {
    labels: result.class_names,
    datasets: [{ label: 'probability', data: result.probabilities, backgroundColor: '#2f6fde' }],
  };
  if (allChart) allChart.destroy();
  allChart = new Chart($('all-classes'), {
    type: 'bar', data,
    options: { indexAxis: 'y', maintainAspectRatio: false, animation: false,
      scales: { x: { min: 0, max: 1 }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
      plugins: { legend: { display: false } } },
  });
}

// The upload's windows arrive one per line as they are scored (/api/classify?stream=1): a
// long recording's timeline draws while it is analysed, and no answer is one huge document.
async function classifyStreaming(form, name) {
  const windows = [];
  let result = null;
  const response = await post('/api/classify?top=5&stream=1', form);
  await readLines(response, (line) => {
    if (line.error) throw new Error(line.error);
    if (line.result) result = line.result;
    if (!line.window) return;
    windows.push(line.window);
    const end = line.window.end_s;
    $('status').textContent = `Classifying ${name} … ${windows.length} windows, ${end.toFixed(0)} s`;
    if (windows.length % 8 === 0) drawWindows(windows, end);
  });
  if (!result) throw new Error('the server ended the answer early');
  result.windows = windows;
  return result;
}

function drawWindows(windows, duration) {
  $('result').classList.remove('hidden');
  $('timeline-card').classList.remove('hidden');
  drawTimeline($('timeline-chart'),
    windows.map((w) => ({ start: w.start_s, end: w.end_s, top: w.top })), 0, duration);
}

function showTimeline(result) {
  $('timeline-card').classList.toggle('hidden', result.windows.length < 2);
  drawWindows(result.windows, result.duration_s);
  $('events').replaceChildren(...result.events.map((e) => el('li', {
    text: `${e.class}: ${e.start_s.toFixed(1)}–${e.end_s.toFixed(1)} s, peak ${percent(e.peak)}, mean ${percent(e.mean)}` })));
  if (!result.events.length) $('events').replaceChildren(el('li', { class: 'muted', text: 'none' }));
  $('timeline').tBodies[0].replaceChildren(...result.windows.map((w) => el('tr', {},
    el('td', { text: `${w.start_s.toFixed(2)} s` }), el('td', { text: `${w.end_s.toFixed(2)} s` }),
    el('td', { text: w.top[0].class }), el('td', { text: percent(w.top[0].probability) }))));
}

async function showSpectrogram(blob, img) {
  img.src = url(await (await post('/api/spectrogram', blob)).blob());
}

async function showAugmented(blob, result) {
  const target = result.top[0].index;
  const seed = Math.floor(Math.random() * 1e9);
  const cards = POLICIES.map((policy) => augmentedCard(blob, policy, target, seed));
  $('augmented').replaceChildren(...cards.map((c) => c.node));
  await Promise.all(cards.map((c) => c.done));
}

function augmentedCard(blob, policy, target, seed) {
  const player = el('audio', { controls: '', 'data-policy': policy });
  const img = el('img', { class: 'spectrogram', alt: `${policy} spectrogram` });
  const transforms = el('div', { class: 'transforms', text: '…' });
  const node = el('div', { class: 'augmented-version' }, el('h3', { text: policy }), img, player, transforms);
  const done = (async () => {
    try {
      const response = await post(`/api/augment?policy=${policy}&target=${target}&seed=${seed}`, blob);
      transforms.textContent = response.headers.get('X-Esc50-Transforms') || 'none';
      const wav = await response.blob();
      player.src = url(wav);
      await showSpectrogram(wav, img);
    } catch (error) {
      transforms.textContent = error.message;
      transforms.classList.add('error');
    }
  })();
  return { node, done };
}
