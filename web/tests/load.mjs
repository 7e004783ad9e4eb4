// Hostile-traffic load test of `esc50 serve` on loopback: 8 concurrent clients send at
// least 1000 mixed good and bad requests; every answer must have the expected status, the
// server must survive, its memory must stay bounded, and it must shut down cleanly.
// Usage: node load.mjs --cli ESC50 --model FILE --clip AUDIO [--requests 1000] [--clients 8]
//   The soak (bench/soak.sh): --seconds S runs for S seconds instead of a number of requests,
//   and --rss-csv FILE keeps the server's RSS sampled every 5 s; after the first tenth of the
//   run (warm-up) RSS must stay within 25 % + 50 MB of its value then.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { parseArgs, startServer, stopServer } from './server.mjs';

const args = parseArgs(process.argv.slice(2),
  { requests: '1000', clients: '8', 'max-rss-mb': '1500', seconds: '0', 'rss-csv': '' });
const clip = readFileSync(args.clip);
const MB = 1024 * 1024;
const oversized = Buffer.alloc(21 * MB, 1);
const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251));

function form(bytes, name) {
  const body = new FormData();
  body.append('file', new Blob([bytes]), name);
  return body;
}

// [weight, name, expected status, request]
const KINDS = [
  [6, 'classify raw clip', 200, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: clip })],
  [3, 'classify multipart clip', 200, (u) => fetch(`${u}/api/classify?top=3`, { method: 'POST', body: form(clip, 'clip.wav') })],
  [2, 'spectrogram of clip', 200, (u) => fetch(`${u}/api/spectrogram`, { method: 'POST', body: clip })],
  [2, 'augment clip', 200, (u) => fetch(`${u}/api/augment?policy=acoustic&seed=3`, { method: 'POST', body: clip })],
  [3, 'classify garbage', 400, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: garbage })],
  [2, 'classify text upload', 400, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: form('hello, not audio', 'a.txt') })],
  [2, 'classify truncated header', 400, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: clip.subarray(0, 30) })],
  [2, 'classify empty body', 400, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: '' })],
  [1, 'classify bad top', 400, (u) => fetch(`${u}/api/classify?top=abc`, { method: 'POST', body: clip })],
  [1, 'augment unknown policy', 400, (u) => fetch(`${u}/api/augment?policy=nope`, { method: 'POST', body: clip })],
  [3, 'healthz', 200, (u) => fetch(`${u}/healthz`)],
  [2, 'classes', 200, (u) => fetch(`${u}/api/classes`)],
  [1, 'runs', 200, (u) => fetch(`${u}/api/runs`)],
  [1, 'run path traversal', 404, (u) => fetch(`${u}/api/runs/..%2F..%2Fetc%2Fpasswd`)],
  [1, 'unknown path', 404, (u) => fetch(`${u}/no/such/page`)],
  [1, 'dataset clip traversal', 404, (u) => fetch(`${u}/api/dataset/audio/..%2F..%2Fetc%2Fpasswd`)],
];
const SCHEDULE = KINDS.flatMap(([weight, ...kind]) => Array(weight).fill(kind));
const RARE = [  // every 40th request: oversized upload; every 125th: a client that stalls
  [40, 'oversized upload', 413, (u) => fetch(`${u}/api/classify`, { method: 'POST', body: oversized })],
  [125, 'stalled client', 'closed', (u) => stalledClient(u)],
];

// Sends half a request line and nothing more: the server's read timeout must close it.
function stalledClient(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write('POST /api/classify HTTP/1.1\r\nHost: x\r\n'));
    const guard = setTimeout(() => { socket.destroy(); reject(new Error('stalled connection never closed')); }, 60000);
    socket.on('close', () => { clearTimeout(guard); resolve({ status: 'closed' }); });
    socket.on('error', () => {});
    socket.resume();
  });
}

function kindFor(i) {
  for (const [every, ...kind] of RARE) if (i % every === every - 1) return kind;
  return SCHEDULE[i % SCHEDULE.length];
}

async function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024;
}

const server = await startServer(args.cli, ['--model', args.model, '--timeout-s', '2', '--threads', '8']);
const pid = server.process.pid;
const seconds = Number(args.seconds);
const total = seconds > 0 ? Infinity : Number(args.requests);
const failures = [];
const counts = {};
let next = 0, done = 0, warmRss = 0, peakRss = 0;
const sampler = setInterval(async () => { peakRss = Math.max(peakRss, await rssMb(pid)); }, 100);
const samples = [];  // [seconds since start, RSS MB] every 5 s
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const soakSampler = setInterval(async () => samples.push([elapsed(), await rssMb(pid)]), 5000);
const running = () => (seconds > 0 ? elapsed() < seconds : next < total);

async function client() {
  while (running()) {
    const i = next++;
    const [name, expected, send] = kindFor(i);
    try {
      const response = await send(server.url);
      if (response.arrayBuffer) await response.arrayBuffer();
      counts[name] = (counts[name] || 0) + 1;
      if (response.status !== expected) failures.push(`#${i} ${name}: got ${response.status}, expected ${expected}`);
    } catch (error) {
      failures.push(`#${i} ${name}: ${error.cause?.code || error.message}`);
    }
    if (++done === 100) warmRss = await rssMb(pid);
  }
}

await Promise.all(Array.from({ length: Number(args.clients) }, client));
clearInterval(sampler);
clearInterval(soakSampler);
const finalRss = await rssMb(pid);
const alive = server.process.exitCode === null;
const health = alive ? (await fetch(`${server.url}/healthz`)).status : 0;
const exitCode = await stopServer(server);

console.log(`${done} requests from ${args.clients} clients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [name, n] of Object.entries(counts).sort()) console.log(`  ${String(n).padStart(5)}  ${name}`);
console.log(`server RSS: ${warmRss.toFixed(0)} MB after 100 requests, peak ${peakRss.toFixed(0)} MB, final ${finalRss.toFixed(0)} MB`);
const problems = [...failures];
if (!alive) problems.push('the server died');
if (health !== 200) problems.push(`/healthz answered ${health} after the load`);
if (exitCode !== 0) problems.push(`the server exited with ${exitCode} after SIGTERM`);
if (peakRss > Number(args['max-rss-mb'])) problems.push(`peak RSS ${peakRss.toFixed(0)} MB over ${args['max-rss-mb']} MB`);
// Bounded: after warm-up the footprint may settle, but not keep growing with the traffic.
if (finalRss > 1.5 * warmRss + 100) problems.push(`RSS grew from ${warmRss.toFixed(0)} to ${finalRss.toFixed(0)} MB`);
if (seconds > 0) {
  const warm = samples.filter(([t]) => t >= seconds / 10);
  const bound = warm.length ? 1.25 * warm[0][1] + 50 : Infinity;
  const over = warm.filter(([, mb]) => mb > bound);
  console.log(`RSS after warm-up: ${warm[0]?.[1].toFixed(0)} MB at ${warm[0]?.[0].toFixed(0)} s, ` +
    `max ${Math.max(...warm.map(([, mb]) => mb)).toFixed(0)} MB; bound ${bound.toFixed(0)} MB`);
  if (over.length) problems.push(`RSS over ${bound.toFixed(0)} MB after warm-up at ${over.length} samples`);
  if (args['rss-csv']) writeFileSync(args['rss-csv'], `seconds,rss_mb\n${samples.map((s) => s.join(',')).join('\n')}\n`);
}
if (problems.length) {
  console.error(`FAILED (${problems.length}):\n  ${problems.slice(0, 30).join('\n  ')}`);
  console.error(`server log tail:\n${server.log().slice(-3000)}`);
  process.exit(1);
}
console.log('ok - no crash, every answer as expected, memory bounded, clean shutdown');
