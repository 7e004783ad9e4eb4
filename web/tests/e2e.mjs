// End-to-end test of the Classify page in headless Chromium: open the page, upload a clip,
// see the top-5 and the charts, play an augmented version; saves a screenshot.
// Usage: node e2e.mjs --cli ESC50 --model FILE --clip AUDIO --out SCREENSHOT.png [--runs DIR]
// Exits 77 (CTest "skipped") when Chromium or web/node_modules is missing.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchChromium, finish } from './browser.mjs';
import { parseArgs, startServer } from './server.mjs';

const args = parseArgs(process.argv.slice(2), { runs: '' });

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
