import net from 'node:net';
import type { Random } from './random.js';

/**
 * What happens to a request sent while the proxy is flaky: passed through, cut after part of it
 * reached the server, or cut when the server's answer starts (the server did the work, the client
 * never hears of it: the case idempotency keys exist for).
 */
type Fate = 'pass' | 'cut-request' | 'cut-response';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Set when the answer to the request in flight is to be cut as it starts. */
  cutAnswer: boolean;
}

/** Connections destroyed, by how. */
export interface CutCounts {
  /** Every open connection at once (WebSockets included). */
  all: number;
  midRequest: number;
  midResponse: number;
}

/**
 * A TCP proxy on loopback in front of one server, that cuts connections: all at once (`cutAll`),
 * or, while flaky, some of the requests sent meanwhile, mid-request or mid-response. The fate is
 * drawn per request (per chunk the client sends), not per connection: clients keep connections
 * alive, so a fault decided at connect time would rarely meet a request. Clients reach the
 * server only through it.
 */
export class CuttingProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<Pair>();
  private flakyUntil = 0;
  readonly cuts: CutCounts = { all: 0, midRequest: 0, midResponse: 0 };

  private constructor(
    private readonly targetPort: number,
    private readonly random: Random,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(targetPort: number, random: Random): Promise<CuttingProxy> {
    const proxy = new CuttingProxy(targetPort, random);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Destroys every open connection now. */
  cutAll(): void {
    for (const pair of this.pairs) if (this.cut(pair)) this.cuts.all += 1;
  }

  /** For `ms`, a share of the requests sent is cut mid-request or mid-response. */
  beFlaky(ms: number): void {
    this.flakyUntil = Date.now() + ms;
  }

  private fate(): Fate {
    if (Date.now() >= this.flakyUntil) return 'pass';
    const roll = this.random.next();
    return roll < 0.25 ? 'cut-request' : roll < 0.5 ? 'cut-response' : 'pass';
  }

  /** Destroys both sides; false when the connection was already gone. */
  private cut(pair: Pair): boolean {
    if (!this.pairs.delete(pair)) return false;
    pair.client.destroy();
    pair.upstream.destroy();
    return true;
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream, cutAnswer: false };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.on('data', (chunk: Buffer) => {
      const fate = this.fate();
      if (fate === 'cut-request') {
        // Half of the chunk reaches the server, then the line goes dead.
        upstream.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)), () => {
          if (this.cut(pair)) this.cuts.midRequest += 1;
        });
        return;
      }
      if (fate === 'cut-response') pair.cutAnswer = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (pair.cutAnswer) {
        if (this.cut(pair)) this.cuts.midResponse += 1;
        return;
      }
      client.write(chunk);
    });
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
