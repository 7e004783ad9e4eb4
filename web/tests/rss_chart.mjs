// Draws a soak's RSS samples (bench/soak.sh) as a PNG with Chart.js in headless Chromium.
// Usage: node rss_chart.mjs --csv rss.csv --out rss.png [--title TEXT]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { parseArgs } from './server.mjs';

const args = parseArgs(process.argv.slice(2), { title: 'esc50 serve: resident memory under load' });
const rows = readFileSync(args.csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
const chartJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 900, height: 420 } });
await page.setContent('<canvas id="c" width="880" height="400"></canvas>');
await page.addScriptTag({ path: chartJs });
await page.evaluate(({ rows, title }) => {
  new Chart(document.getElementById('c'), {
    type: 'line',
    data: { datasets: [{ label: 'RSS (MB)', data: rows.map(([x, y]) => ({ x, y })), borderColor: '#2f6fde',
      pointRadius: 0 }] },
    options: { animation: false, responsive: false, plugins: { title: { display: true, text: title } },
      scales: { x: { type: 'linear', title: { display: true, text: 'seconds' } },
        y: { min: 0, title: { display: true, text: 'MB' } } } },
  });
}, { rows, title: args.title });
await page.locator('#c').screenshot({ path: args.out });
await browser.close();
console.log(`wrote ${args.out}`);
