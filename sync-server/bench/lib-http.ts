import http from 'node:http';

/** A keep-alive HTTP/1.1 client for one server: plain node:http, lighter than fetch. */
export class BenchClient {
  readonly #agent: http.Agent;
  readonly #port: number;

  constructor(port: number, maxSockets: number) {
    this.#port = port;
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(
    method: string,
    path: string,
    options: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.#port, method, path, headers, agent: this.#agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** JSON request that must answer `expected`; returns the parsed body. */
  async json<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; expected?: number } = {},
  ): Promise<{ body: T; headers: http.IncomingHttpHeaders }> {
    const res = await this.request(method, path, {
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    if (res.status !== (options.expected ?? 200)) {
      throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
    }
    return { body: JSON.parse(res.body) as T, headers: res.headers };
  }

  close(): void {
    this.#agent.destroy();
  }
}

export interface BenchUser {
  userId: string;
  cookie: string;
  deviceId: string;
  deviceToken: string;
}

/** Registers a user (zone given) with one device of the given kind. */
export async function createBenchUser(
  client: BenchClient,
  email: string,
  timeZone: string,
  device: { name: string; kind: string },
): Promise<BenchUser> {
  const reg = await client.json<{ id: string }>('POST', '/api/v1/auth/register', {
    body: { email, password: 'benchmark password', timeZone },
    expected: 201,
  });
  const setCookie = reg.headers['set-cookie']?.[0] ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const dev = await client.json<{ id: string; token: string }>('POST', '/api/v1/devices', {
    body: device,
    headers: { cookie },
    expected: 201,
  });
  return { userId: reg.body.id, cookie, deviceId: dev.body.id, deviceToken: dev.body.token };
}
