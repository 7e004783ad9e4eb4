// End-to-end test of the Classify page in headless Chromium: open the page, upload a clip,
// see the top-5 and the charts, play an augmented version; saves a screenshot.
// Usage: node e2e.mjs --cli ESC50 --model FILE --clip AUDIO --out SCREENSHOT.png [--runs DIR]
// Exits 77 (CTest "skipped") when Chromium or web/node_modules is missing.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchChromium, finish } from './browser.mjs';
import { parseArgs, startServer } from './server.mjs';

const args = parseArgs(process.argv.slice(2), { runs: '' });

// 16-bit mono WAV: `seconds` of a tone that switches on and off every 5 s, over soft noise.
function longWav(seconds, rate = 16000) {
  const n = seconds * rate;
  const out = Buffer.alloc(44 + 2 * n);
  out.write('RIFF', 0); out.writeUInt32LE(36 + 2 * n, 4); out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16); out.writeUInt16LE(1, 20); out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24); out.writeUInt32LE(2 * rate, 28); out.writeUInt16LE(2, 32); out.writeUInt16LE(16, 34);
  out.write('data', 36); out.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) {
    const on = Math.floor(i / (5 * rate)) % 2 === 0;
    const x = (on ? 0.4 * Math.sin(2 * Math.PI * 880 * i / rate) : 0) + 0.01 * (Math.random() - 0.5);
    out.writeInt16LE(Math.round(32767 * x), 44 + 2 * i);
  }
  return out;
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

const browser = await launchChromium();
const server = await startServer(args.cli, ['--model', args.model, ...(args.runs ? ['--runs', args.runs] : [])]);
let failed = false;
const page = await browser.newPage({ viewport: { width: 1200, height: 1800 } });
try {
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${server.url}/`);
  check(await page.title() === 'esc50 · Classify', 'the Classify page loads');
  const icon = await page.request.get(`${server.url}/favicon.svg`);
  check(icon.ok() && (icon.headers()['content-type'] ?? '').includes('svg'), 'the favicon is served');

  await page.setInputFiles('#file', args.clip);
  await page.waitForSelector('#top-rows .top-row', { timeout: 60000 });
  check(await page.locator('#top-rows .top-row').count() === 5, 'the top-5 list has five classes');
  const bars = await page.evaluate(() => {
    const chart = Chart.getChart('all-classes');
    return chart ? chart.data.datasets[0].data.length : 0;
  });
  check(bars === 50, 'the all-classes chart has 50 bars');
  await page.waitForFunction(() => document.getElementById('spectrogram').naturalWidth > 0, null, { timeout: 60000 });
  check(true, 'the log-mel spectrogram is shown');

  await page.waitForFunction(() => {
    const players = [...document.querySelectorAll('#augmented audio')];
    return players.length === 3 && players.every((p) => p.src.startsWith('blob:'));
  }, null, { timeout: 120000 });
  check(true, 'balanced, acoustic and adaptive versions arrived');
  await page.waitForFunction(() => [...document.querySelectorAll('#augmented img')].every((i) => i.naturalWidth > 0),
    null, { timeout: 60000 });
  check(true, 'each augmented version has a spectrogram');
  // Playing means the media clock advances: wait for it rather than for a fixed time.
  const played = await page.evaluate(async () => {
    const player = document.querySelector('#augmented audio[data-policy="acoustic"]');
    const advanced = new Promise((resolve) => {
      player.addEventListener('timeupdate', () => player.currentTime > 0 && resolve());
    });
    await player.play();
    await Promise.race([advanced, new Promise((resolve) => setTimeout(resolve, 20000))]);
    return { paused: player.paused, time: player.currentTime, duration: player.duration };
  });
  check(!played.paused && played.time > 0 && played.duration > 1,
    `an augmented version plays (at ${played.time.toFixed(2)} s of ${played.duration.toFixed(2)} s)`);
  check(pageErrors.length === 0, `no page errors ${pageErrors.join('; ')}`);
  check(consoleErrors.length === 0, `no console errors ${consoleErrors.join('; ')}`);

  if (args.out) {
    mkdirSync(dirname(args.out), { recursive: true });
    await page.screenshot({ path: args.out, fullPage: true });
    console.log(`screenshot: ${args.out}`);
  }

  // A long upload: its timeline is streamed, drawn as a chart, and merged into events.
  await page.setInputFiles('#file', { name: 'long.wav', mimeType: 'audio/wav', buffer: longWav(60) });
  await page.waitForFunction(() => /long\.wav: done/.test(document.getElementById('status').textContent),
    null, { timeout: 120000 });
  const drawn = await page.evaluate(() => Number(document.getElementById('timeline-chart').dataset.windows || 0));
  check(drawn >= 10, `the timeline chart of a 60 s upload draws its windows (${drawn})`);
  check(await page.locator('#events li').count() >= 1, 'the events list is filled');
  check(!(await page.locator('#timeline-card').isHidden()), 'the timeline card is shown');
  if (args.out) await page.screenshot({ path: args.out.replace(/\.png$/, '-long.png'), fullPage: true });

  await page.goto(`${server.url}/results.html`);
  if (args.runs) {
    await page.waitForSelector('#runs tbody tr', { timeout: 30000 });
    await page.click('#runs tbody tr');
    await page.waitForFunction(() => Chart.getChart('accuracy-chart'), null, { timeout: 30000 });
    check(true, 'the Results page lists runs and draws the curves of one');
  }
} catch (error) {
  failed = true;
  console.error(error.stack || error);
  console.error(`server log:\n${server.log()}`);
  if (args.out) await page.screenshot({ path: args.out.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
}
await finish(browser, server, failed);
