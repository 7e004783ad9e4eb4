// Listen mode: the microphone is captured continuously; about every half second the last
// window (the model's clip length) is sent to /api/classify. A listener never queues: while
// an answer is pending the next tick is skipped (counted as dropped), so a slow server or a
// busy CPU costs freshness, not memory. Shows the live top-5, the last minute as a timeline
// (one row per class heard, shaded by probability) and events as they close.
import { el, post, percent } from './common.js';
import { encodeWav } from './wav.js';

const TICK_MS = 500;
const HISTORY_S = 60;
const EVENT_THRESHOLD = 0.3;

export class Listener {
  constructor({ windowSeconds, onTop, canvas, eventsList, status }) {
    Object.assign(this, { windowSeconds, onTop, canvas, eventsList, status });
    this.results = [];  // {t, top: [{class, probability}]}
    this.dropped = 0;
    this.pending = false;
    this.open = null;   // the event being heard: {class, start, end, peak}
  }

  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(this.stream);
    this.ring = new Float32Array(Math.round(this.windowSeconds * this.context.sampleRate));
    this.written = 0;
    // ScriptProcessor: deprecated but everywhere, and enough for copying samples out.
    this.processor = this.context.createScriptProcessor(4096, 1, 1);
    this.processor.onaudioprocess = (e) => this.append(e.inputBuffer.getChannelData(0));
    source.connect(this.processor);
    this.processor.connect(this.context.destination);
    this.started = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.processor?.disconnect();
    this.stream?.getTracks().forEach((t) => t.stop());
    this.context?.close();
    this.closeEvent();
  }

  append(samples) {
    for (const s of samples) this.ring[this.written++ % this.ring.length] = s;
  }

  lastWindow() {
    const n = Math.min(this.written, this.ring.length);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.ring[(this.written - n + i) % this.ring.length];
    return out;
  }

  async tick() {
    if (this.written < this.context.sampleRate) return;  // less than a second heard yet
    if (this.pending) {
      this.dropped++;
      return;
    }
    this.pending = true;
    const t = (performance.now() - this.started) / 1000;
    try {
      const form = new FormData();
      form.append('file', encodeWav(this.lastWindow(), this.context.sampleRate), 'live.wav');
      const result = await (await post('/api/classify?top=5', form)).json();
      this.results.push({ t, top: result.top });
      this.results = this.results.filter((r) => r.t > t - HISTORY_S);
      this.onTop(result.top);
      this.track(t, result.top[0]);
      this.draw(t);
      this.status.textContent = `listening: ${this.results.length} windows in the last minute, ${this.dropped} skipped while busy`;
    } catch (error) {
      this.status.textContent = `listening: ${error.message}`;
    } finally {
      this.pending = false;
    }
  }

  // An event runs while the same class stays on top above the threshold.
  track(t, best) {
    const heard = best && best.probability >= EVENT_THRESHOLD ? best.class : null;
    if (this.open && this.open.class === heard) {
      this.open.end = t;
      this.open.peak = Math.max(this.open.peak, best.probability);
      return;
    }
    this.closeEvent();
    if (heard) this.open = { class: heard, start: t, end: t, peak: best.probability };
  }

  closeEvent() {
    if (!this.open) return;
    const e = this.open;
    this.open = null;
    this.eventsList.prepend(el('li', {
      text: `${e.class}: ${e.start.toFixed(1)}–${e.end.toFixed(1)} s, peak ${percent(e.peak)}` }));
  }

  draw(now) {
    const ctx = this.canvas.getContext('2d');
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    const classes = [...new Set(this.results.map((r) => r.top[0].class))];
    const label = 130;
    const row = Math.min(24, height / Math.max(1, classes.length));
    const barWidth = Math.max(2, ((TICK_MS / 1000) / HISTORY_S) * (width - label));
    const x = (t) => label + ((t - (now - HISTORY_S)) / HISTORY_S) * (width - label - barWidth);
    ctx.font = '12px sans-serif';
    classes.forEach((name, i) => {
      ctx.fillStyle = '#333';
      ctx.fillText(name, 4, i * row + row * 0.7);
      for (const r of this.results) {
        const score = r.top.find((c) => c.class === name);
        if (!score) continue;
        ctx.fillStyle = `rgba(47, 111, 222, ${Math.max(0.08, score.probability)})`;
        ctx.fillRect(x(r.t), i * row + 2, barWidth, row - 4);
      }
    });
    this.canvas.dataset.windows = String(this.results.length);
  }
}
