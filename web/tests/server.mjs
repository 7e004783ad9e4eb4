// Starts `esc50 serve` on a free loopback port for the browser and load tests.
import { spawn } from 'node:child_process';

export function parseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

// Resolves with {url, process} once the server prints its address; rejects if it exits first.
export function startServer(cli, extraArgs, env = {}) {
  const child = spawn(cli, ['serve', '--host', '127.0.0.1', '--port', '0', ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-20000); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = out.match(/http:\/\/([\w.]+):(\d+)\//);
      if (match) resolve({ url: `http://127.0.0.1:${match[2]}`, process: child, log: () => log });
    });
    child.on('exit', (code) => reject(new Error(`esc50 serve exited (${code}) before listening:\n${out}\n${log}`)));
  });
}

export async function stopServer(server) {
  if (server.process.exitCode !== null) return server.process.exitCode;
  const exited = new Promise((resolve) => server.process.on('exit', (code, signal) => resolve(code ?? signal)));
  server.process.kill('SIGTERM');
  return exited;
}
