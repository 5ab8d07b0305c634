import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands between the functions and the emulator and holds each database request for a delay taken
 * in turn from `delays` (milliseconds), so concurrent calls interleave their reads and writes in
 * the orders a property test generated, not only in the one the event loop happens to give. The
 * SDK reads the endpoint from TCB_CONTEXT_CNFG on every request, so pointing it here is enough.
 *
 * (Shared by test/trust/props-*.test.ts; it belongs in test/support.)
 */
export interface DelayingProxy {
  /** The delays for the next requests, used in turn and again from the start; [] forwards at once. */
  delay(delays: number[]): void;
  /** Requests forwarded so far. */
  forwarded(): number;
  close(): Promise<void>;
}

export async function startDelayingProxy(emulatorUrl: string): Promise<DelayingProxy> {
  const upstream = new URL(emulatorUrl);
  let delays: number[] = [];
  let next = 0;
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const wait = delays.length ? delays[next++ % delays.length] : 0;
      setTimeout(() => {
        count++;
        const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `http://127.0.0.1:${port}${upstream.pathname}` });
  return {
    delay(d) {
      delays = d;
      next = 0;
    },
    forwarded: () => count,
    close() {
      process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: emulatorUrl });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
