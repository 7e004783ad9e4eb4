// Listen mode: the microphone is captured continuously; about every half second the last
// window (the model's clip length) is sent to /api/classify. A listener never queues: while
// an answer is pending the next tick is skipped (counted as dropped), so a slow server or a
// busy CPU costs freshness, not memory. Shows the live top-5, the last minute as a timeline
// (one row per class heard, shaded by probability) and events as they close.
import { el, post, percent } from './common.js';
import { encodeWav } from './wav.js';
import { drawTimeline } from './timeline.js';

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

  // Each result is drawn as the tick that ends at its time.
  draw(now) {
    const windows = this.results.map((r) => ({ start: r.t - TICK_MS / 1000, end: r.t, top: r.top }));
    drawTimeline(this.canvas, windows, now - HISTORY_S, now);
  }
}
