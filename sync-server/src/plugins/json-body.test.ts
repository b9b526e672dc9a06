import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import jsonBodyPlugin from './json-body.js';

describe('the application/json parser', () => {
  async function post(payload: string) {
    const app = Fastify();
    await app.register(jsonBodyPlugin);
    app.post('/echo', async (request) => request.body);
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload,
    });
    await app.close();
    return res;
  }

  it('answers a body as Fastify does: parsed, empty, malformed or poisoned', async () => {
    const ok = await post('{"samples":[1,2]}');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ samples: [1, 2] });
    const empty = await post('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY' });
    const malformed = await post('{"samples":[1,2}');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    const poisoned = await post('{"__proto__":{"admin":true}}');
    expect(poisoned.statusCode).toBe(400);
  });
});
