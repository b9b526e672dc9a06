import net from 'node:net';
import type { Random } from './random.js';

/**
 * What happens to a connection opened while the proxy is flaky: passed through, cut after part
 * of the request reached the server, or cut when the server's answer starts (the server did the
 * work, the client never hears of it: the case idempotency keys exist for).
 */
type Fate = 'pass' | 'cut-request' | 'cut-response';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP proxy on loopback in front of one server, that cuts connections: all at once (`cutAll`,
 * WebSockets included), or, while `flaky`, some of the connections opened meanwhile, mid-request
 * or mid-response. Clients reach the server only through it.
 */
export class CuttingProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<Pair>();
  private flakyUntil = 0;
  /** Connections destroyed by a cut. */
  cuts = 0;

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
    for (const pair of this.pairs) this.cut(pair);
  }

  /** For `ms`, a share of new connections is cut mid-request or mid-response. */
  beFlaky(ms: number): void {
    this.flakyUntil = Date.now() + ms;
  }

  private fate(): Fate {
    if (Date.now() >= this.flakyUntil) return 'pass';
    const roll = this.random.next();
    return roll < 0.3 ? 'cut-request' : roll < 0.6 ? 'cut-response' : 'pass';
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    this.cuts += 1;
    pair.client.destroy();
    pair.upstream.destroy();
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    const fate = this.fate();
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
      if (fate === 'cut-request') {
        // Half of the first chunk reaches the server, then the line goes dead.
        upstream.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
        setImmediate(() => this.cut(pair));
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (fate === 'cut-response') {
        this.cut(pair);
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
