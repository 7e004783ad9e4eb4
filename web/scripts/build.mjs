// `npm run build`: the pages in src/ plus the pinned Chart.js from node_modules, copied into
// dist/, which `esc50 serve` finds beside the program (no bundler needed: plain ES modules).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const chart = join(web, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
if (!existsSync(chart)) {
  console.error(`build: ${chart} is missing; run \`npm ci\` in web/ first`);
  process.exit(1);
}
const dist = join(web, 'dist');
rmSync(dist, { recursive: true, force: true });
cpSync(join(web, 'src'), dist, { recursive: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
cpSync(chart, join(dist, 'vendor', 'chart.umd.min.js'));
console.log(`build: pages and Chart.js copied to ${dist}`);
