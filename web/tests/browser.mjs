// Shared by the browser tests: Playwright's Chromium (Debian's), or CTest's "skipped" (77)
// when it or web/node_modules is missing; and the end of a test run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stopServer } from './server.mjs';

export const SKIP = 77;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(SKIP);
}

export async function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM)) skip(`${CHROMIUM} not found (apt-get install chromium)`);
  let chromium;
  try {
    ({ chromium } = createRequire(import.meta.url)('playwright-core'));
  } catch {
    skip('playwright-core is not installed (npm ci in web/)');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--autoplay-policy=no-user-gesture-required', ...extraArgs],
  });
}

// Closes the browser and stops the server; exits 1 if the test failed or the server did not
// stop cleanly on SIGTERM.
export async function finish(browser, server, failed) {
  await browser.close();
  const code = await stopServer(server);
  if (code !== 0) {
    console.error(`esc50 serve exited with ${code} after SIGTERM`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}
