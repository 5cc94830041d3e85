/** The preview answers only its user: malformed requests, other hosts and too many followers are turned away, and the server stays up. */
import { appendFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { nodeSystem } from '../../src/effects.js';
import { startPreview, type Preview } from '../../src/preview.js';
import { quietEffects, runCli, tempProject } from '../helpers.js';

/** A raw HTTP exchange, so the request line and Host header are exactly as written. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

let preview: Preview;
let port: number;

beforeAll(async () => {
  const dir = tempProject();
  preview = await startPreview(resolveConfig(['data/leicester/2022-23.yaml'], { pdf: false }, {}, dir), quietEffects(), { port: 0 });
  port = Number(new URL(preview.url).port);
});
afterAll(() => preview.close());

const get = (path: string, host = `127.0.0.1:${port}`) => raw(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

describe('the preview server', () => {
  it('answers a malformed address with 400, and a malformed request line too, and keeps running', async () => {
    expect(await get('/%E0%A4%A')).toMatch(/^HTTP\/1\.1 400/);
    expect(await get('/%')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await get('/leicester/2022-23/annual-report')).toMatch(/^HTTP\/1\.1 200[\s\S]*Adoption Service Annual Report/);
  });

  it('answers only to this machine’s own names (421 to any other Host)', async () => {
    expect(await get('/', `localhost:${port}`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await get('/', `[::1]:${port}`)).toMatch(/^HTTP\/1\.1 200/);
    for (const host of ['attacker.example', `attacker.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) expect(await get('/', host), host).toMatch(/^HTTP\/1\.1 421/);
  });

  it('holds at most 32 event streams', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: 32 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => socket.write(`GET /__preview/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
            socket.once('data', () => resolve(socket));
          }),
      ),
    );
    expect(await get('/__preview/events')).toMatch(/^HTTP\/1\.1 503/);
    sockets.forEach((s) => s.destroy());
  });

  it('says in one line that its port is in use, and exits 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as AddressInfo).port;
    try {
      const result = await runCli(['preview', '--port', String(busy), 'data/leicester/2022-23.yaml'], tempProject());
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(`port ${busy} is in use: stop what is using it, or choose another with --port`);
    } finally {
      taken.close();
    }
  });
});

describe('watching', () => {
  it('resumes when a watched folder is moved away and back', async () => {
    const dir = tempProject({ 'data/alpha/2024-25.yaml': 'year: 2024-25\n' });
    const folder = join(dir, 'data/alpha');
    let changes = 0;
    const watcher = await nodeSystem(process.env).watch([folder], () => changes++);
    try {
      renameSync(folder, join(dir, 'away'));
      await until(() => changes > 0);
      renameSync(join(dir, 'away'), folder);
      const back = changes;
      await until(() => changes > back);
      await new Promise((r) => setTimeout(r, 300));
      const settled = changes;
      appendFileSync(join(folder, '2024-25.yaml'), '# edited\n');
      await until(() => changes > settled);
    } finally {
      await watcher.close();
    }
  });
});

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('the watcher did not report the change');
    await new Promise((r) => setTimeout(r, 25));
  }
}
