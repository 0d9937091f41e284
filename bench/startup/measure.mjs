// Start time to first page, fresh and reused database, and the article page's size.
// Usage: node bench/startup/measure.mjs   (prints one JSON line per measurement)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'wiredesk-startup-'));
const port = 3900 + Math.floor(Math.random() * 90);

async function startAndTime(label) {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/wiredesk.js', 'serve'], {
    cwd: root,
    env: { ...process.env, WIREDESK_DATA_DIR: dataDir, WIREDESK_PORT: String(port), WIREDESK_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  let body = null;
  while (body === null) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) body = await response.text();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const ms = Math.round(performance.now() - started);
  console.log(JSON.stringify({ measurement: `start to first page, ${label}`, ms }));
  return { child, body };
}

const first = await startAndTime('fresh database (migrate + ingest demo)');
const article = first.body.match(/href="(\/technology\/[^"]+-\d+)"/)?.[1];
const html = await (await fetch(`http://127.0.0.1:${port}${article}`)).text();
console.log(
  JSON.stringify({
    measurement: 'article page bytes',
    url: article,
    html: Buffer.byteLength(html),
    gzip: gzipSync(html).length,
    brotli: brotliCompressSync(html).length,
  }),
);
first.child.kill('SIGTERM');
await new Promise((resolve) => first.child.once('exit', resolve));
const second = await startAndTime('existing database');
second.child.kill('SIGTERM');
await new Promise((resolve) => second.child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
