// Browser test of Listen mode: Chromium's fake microphone plays a known clip (looped); the
// page must show its class as the live top-1 within seconds and draw the timeline.
// Usage: node listen.mjs --cli ESC50 --model FILE --clip CLIP.wav --expect CLASS --out SCREENSHOT.png
// Exits 77 (CTest "skipped") when Chromium or web/node_modules is missing.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { launchChromium, finish } from './browser.mjs';
import { parseArgs, startServer } from './server.mjs';

const args = parseArgs(process.argv.slice(2), { expect: '' });

const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${resolve(args.clip)}`]);
const server = await startServer(args.cli, ['--model', args.model]);
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
}
await finish(browser, server, failed);
