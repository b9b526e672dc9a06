import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { chooseTestDatabaseBackend, probeTcp, type BackendEnv } from './test-db.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The choice for `env` when the default server does (or does not) answer, and the probes made. */
async function choose(env: BackendEnv, serverUp: boolean) {
  let probes = 0;
  const choice = await chooseTestDatabaseBackend(env, async () => {
    probes++;
    return serverUp;
  });
  return { choice, probes };
}

describe('chooseTestDatabaseBackend', () => {
  it('uses TEST_DATABASE_URL when set, without probing, and never falls back', async () => {
    const url = 'postgres://ci@db.example:5433/postgres';
    for (const serverUp of [true, false]) {
      expect(await choose({ TEST_DATABASE_URL: url }, serverUp)).toEqual({
        choice: { backend: 'server', url },
        probes: 0,
      });
    }
    expect(await choose({ TEST_DATABASE_URL: url, HEARTH_REQUIRE_PG: '1' }, false)).toEqual({
      choice: { backend: 'server', url },
      probes: 0,
    });
  });

  it('uses the server at 127.0.0.1:5432 when it answers, else the embedded database', async () => {
    expect(await choose({}, true)).toEqual({
      choice: { backend: 'server', url: DEFAULT_URL },
      probes: 1,
    });
    expect(await choose({}, false)).toEqual({ choice: { backend: 'embedded' }, probes: 1 });
    expect(await choose({ HEARTH_TEST_DB: 'auto', HEARTH_REQUIRE_PG: '0' }, false)).toEqual({
      choice: { backend: 'embedded' },
      probes: 1,
    });
  });

  it('fails loudly instead of falling back when PostgreSQL is required', async () => {
    await expect(choose({ HEARTH_REQUIRE_PG: '1' }, false)).rejects.toThrow(
      /PostgreSQL is required here \(HEARTH_REQUIRE_PG=1\)/,
    );
    await expect(choose({ HEARTH_TEST_DB: 'server' }, false)).rejects.toThrow(
      /PostgreSQL is required here \(HEARTH_TEST_DB=server\)/,
    );
    expect((await choose({ HEARTH_REQUIRE_PG: '1' }, true)).choice.backend).toBe('server');
  });

  it('HEARTH_TEST_DB=embedded forces the embedded database, even with a server up', async () => {
    expect(await choose({ HEARTH_TEST_DB: 'embedded' }, true)).toEqual({
      choice: { backend: 'embedded' },
      probes: 0,
    });
    expect(
      (await choose({ HEARTH_TEST_DB: 'embedded', TEST_DATABASE_URL: DEFAULT_URL }, true)).choice,
    ).toEqual({ backend: 'embedded' });
  });

  it('refuses contradictory or unknown settings', async () => {
    await expect(
      choose({ HEARTH_TEST_DB: 'embedded', HEARTH_REQUIRE_PG: '1' }, true),
    ).rejects.toThrow(/contradicts HEARTH_REQUIRE_PG=1/);
    await expect(choose({ HEARTH_TEST_DB: 'pglite' }, true)).rejects.toThrow(
      /HEARTH_TEST_DB must be auto, server or embedded/,
    );
  });
});

describe('probeTcp', () => {
  it('tells a listening port from a closed one', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    expect(await probeTcp('127.0.0.1', port, 1000)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await probeTcp('127.0.0.1', port, 1000)).toBe(false);
  });
});
