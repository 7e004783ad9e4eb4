// A timeline of window results on a canvas: one row per class that was ever on top, a bar per
// window in that row, shaded by the class's probability. Used by Listen mode (the last minute)
// and by uploads (the whole recording, drawn as its windows arrive).

const LABEL_WIDTH = 130;

// windows: [{start, end, top: [{class, probability}]}] in seconds; from/to: the time span shown.
export function drawTimeline(canvas, windows, from, to) {
  const classes = [...new Set(windows.map((w) => w.top[0].class))];
  const row = 24;
  canvas.height = Math.max(2, classes.length) * row;  // resizing also clears it
  const ctx = canvas.getContext('2d');
  const { width } = canvas;
  const span = Math.max(1e-6, to - from);
  const x = (t) => LABEL_WIDTH + ((t - from) / span) * (width - LABEL_WIDTH);
  ctx.font = '12px sans-serif';
  classes.forEach((name, i) => {
    ctx.fillStyle = '#333';
    ctx.fillText(name, 4, i * row + row * 0.7);
    for (const w of windows) {
      const score = w.top.find((c) => c.class === name);
      if (!score) continue;
      ctx.fillStyle = `rgba(47, 111, 222, ${Math.max(0.08, score.probability)})`;
      ctx.fillRect(x(w.start), i * row + 2, Math.max(2, x(w.end) - x(w.start)), row - 4);
    }
  });
  canvas.dataset.windows = String(windows.length);
}

// Reads newline-delimited JSON from a fetch Response, calling onLine for each parsed line.
export async function readLines(response, onLine) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    pending += decoder.decode(value || new Uint8Array(), { stream: !done });
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
    if (done) break;
  }
  if (pending.trim()) onLine(JSON.parse(pending));
}
