// Dataset page: browse the ESC-50 classes (server started with $ESC50_DIR), play clips, see
// their spectrograms and what the model makes of them.
import { nav, el, getJSON, post, percent, showError } from './common.js';

const $ = (id) => document.getElementById(id);
nav('Dataset');
load().catch((error) => showError($('error'), error));

async function load() {
  const dataset = await getJSON('/api/dataset');
  if (!dataset.available) {
    $('info').textContent = 'No dataset: start the server with ESC50_DIR set (or --dataset DIR) to browse the clips.';
    return;
  }
  const clips = dataset.classes.reduce((n, c) => n + c.clips.length, 0);
  $('info').textContent = `${dataset.classes.length} classes, ${clips} clips. Pick a class.`;
  $('groups').replaceChildren(...dataset.groups.map((group, g) => el('div', {},
    el('h3', { text: group }),
    el('div', { class: 'chips' }, ...dataset.classes.filter((c) => c.group === g).map((c) =>
      el('button', { text: c.name, onclick: (e) => showClass(c, e.target) }))))));
}

function showClass(cls, button) {
  document.querySelectorAll('.chips button.active').forEach((b) => b.classList.remove('active'));
  button.classList.add('active');
  $('class-card').classList.remove('hidden');
  $('class-title').textContent = `${cls.name} (${cls.clips.length} clips)`;
  $('clips').tBodies[0].replaceChildren(...cls.clips.map(clipRow));
}

function clipRow(clip) {
  const audioUrl = `/api/dataset/audio/${encodeURIComponent(clip.file)}`;
  const verdict = el('span', { class: 'muted' });
  return el('tr', {},
    el('td', { text: clip.file }), el('td', { text: clip.fold }),
    el('td', {}, el('audio', { controls: '', preload: 'none', src: audioUrl })),
    el('td', {}, el('button', { text: 'spectrogram', onclick: () => showSpectrogram(clip.file) }),
      ' ', el('button', { text: 'classify', onclick: () => classify(audioUrl, verdict) })),
    el('td', {}, verdict));
}

function showSpectrogram(file) {
  $('spectrogram-card').classList.remove('hidden');
  $('spectrogram-title').textContent = `Log-mel spectrogram of ${file}`;
  $('spectrogram').src = `/api/spectrogram?clip=${encodeURIComponent(file)}`;
}

async function classify(audioUrl, verdict) {
  verdict.textContent = '…';
  try {
    const audio = await (await fetch(audioUrl)).blob();
    const result = await (await post('/api/classify?top=3', audio)).json();
    verdict.textContent = result.top.map((t) => `${t.class} ${percent(t.probability, 0)}`).join(', ');
  } catch (error) {
    verdict.textContent = error.message;
  }
}
