// Renders an `esc50 report` of two fake cross-validations in headless Chromium and checks
// that every chart drew (canvas has non-background pixels) and that the page logged no error.
// Usage: node report_browser_test.mjs ESC50_CLI FAKE_RUNS_TOOL WEB_DIR WORK_DIR
// Exits 77 (CTest: skipped) with the reason when Chromium or playwright-core is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SKIP = 77;
const chromiumPath = '/usr/bin/chromium';
const [cli, fakeRunsTool, webDir, workDir] = process.argv.slice(2);
const playwrightDir = path.resolve(webDir, 'node_modules', 'playwright-core');

if (!existsSync(chromiumPath)) {
  console.log(`SKIPPED: ${chromiumPath} not found (apt-get install chromium)`);
  process.exit(SKIP);
}
if (!existsSync(playwrightDir)) {
  console.log(`SKIPPED: ${playwrightDir} not found (run npm ci in ${webDir})`);
  process.exit(SKIP);
}
const { chromium } = createRequire(import.meta.url)(playwrightDir);

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
execFileSync(fakeRunsTool, [workDir], { stdio: 'inherit' });
const report = path.join(workDir, 'report.html');
execFileSync(cli, ['report', path.join(workDir, 'none'), path.join(workDir, 'adaptive'), '--out', report,
                  '--group', 'farm=pig,cow,hen'],
             { stdio: 'inherit' });

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push('console error: ' + msg.text()); });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('requestfailed', (req) => problems.push('request failed: ' + req.url()));
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });

  // Pixels that are neither transparent nor the white background.
  const canvases = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3] > 0 && !(data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250)) ++drawn;
    return { width: c.width, height: c.height, drawn };
  }));
  // Per run: loss, accuracy, confusion heatmap, F1 bars; plus the per-class difference chart.
  const expected = 2 * 4 + 1;
  if (canvases.length !== expected) problems.push(`expected ${expected} canvases, found ${canvases.length}`);
  canvases.forEach((c, i) => {
    if (c.width === 0 || c.height === 0 || c.drawn < 50)
      problems.push(`canvas ${i} (${c.width}x${c.height}) is empty: ${c.drawn} drawn pixels`);
  });
  const tables = await page.locator('table').count();
  if (tables < 7) problems.push(`expected the comparison, paired, group, fold, category and pair tables; found ${tables} tables`);
  const text = await page.locator('body').innerText();
  for (const needle of ['Comparison', 'adaptive', 'Most confused', 'Per-class F1 against none',
                        'Accuracy difference against none', 'better', 'Recall of class groups', 'pig, cow, hen'])
    if (!text.includes(needle)) problems.push(`page does not mention "${needle}"`);
  console.log(`${canvases.length} canvases: ` + canvases.map((c) => `${c.width}x${c.height}:${c.drawn}`).join(' '));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('report rendered in Chromium without errors');
