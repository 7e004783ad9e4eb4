// Browser test of Listen mode: Chromium's fake microphone plays a known clip (looped); the
// page must show its class as the live top-1 within seconds and draw the timeline.
// Usage: node listen.mjs --cli ESC50 --model FILE --clip CLIP.wav --expect CLASS --out SCREENSHOT.png
// Exits 77 (CTest "skipped") when Chromium or web/node_modules is missing.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs, startServer, stopServer } from './server.mjs';

const SKIP = 77;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const args = parseArgs(process.argv.slice(2), { expect: '' });

if (!existsSync(CHROMIUM)) { console.log(`SKIPPED: ${CHROMIUM} not found`); process.exit(SKIP); }
let chromium;
try {
  ({ chromium } = createRequire(import.meta.url)('playwright-core'));
} catch {
  console.log('SKIPPED: playwright-core is not installed (npm ci in web/)');
  process.exit(SKIP);
}

const server = await startServer(args.cli, ['--model', args.model]);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${resolve(args.clip)}`, '--autoplay-policy=no-user-gesture-required'],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
try {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.click('#listen');
  await page.waitForSelector('#live-top .top-row', { timeout: 30000 });
  console.log('ok - the live top-5 appears');
  await page.waitForFunction((expected) => {
    const first = document.querySelector('#live-top .top-row span');
    return first && first.textContent === expected;
  }, args.expect, { timeout: 30000 });
  console.log(`ok - the live top-1 is ${args.expect}`);
  await page.waitForFunction(() => Number(document.getElementById('live-timeline').dataset.windows || 0) >= 8,
    null, { timeout: 30000 });
  console.log('ok - the timeline draws the windows of the last minute');
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  if (args.out) {
    mkdirSync(dirname(args.out), { recursive: true });
    await page.screenshot({ path: args.out, fullPage: true });
    console.log(`screenshot: ${args.out}`);
  }
  await page.click('#listen');  // stop
} catch (error) {
  failed = true;
  console.error(error.stack || error);
  console.error(`live status: ${await page.textContent('#live-status').catch(() => '?')}`);
  console.error(`server log:\n${server.log()}`);
  if (args.out) await page.screenshot({ path: args.out.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  const code = await stopServer(server);
  if (code !== 0) {
    console.error(`esc50 serve exited with ${code} after SIGTERM`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
