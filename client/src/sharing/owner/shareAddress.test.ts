import { describe, expect, it } from 'vitest';
import { shareAddress } from './shareAddress.js';

const SERVER = 'http://localhost:3000/shared/abc_DEF-123';

describe('shareAddress', () => {
  it('uses the address the person is using, with the server path', () => {
    expect(shareAddress(SERVER, 'https://hearth.example.org')).toEqual({
      url: 'https://hearth.example.org/shared/abc_DEF-123',
      warning: null,
    });
    expect(shareAddress(SERVER, 'http://192.168.1.20:3000').url).toBe(
      'http://192.168.1.20:3000/shared/abc_DEF-123',
    );
  });

  it('warns when the link would only open on this computer', () => {
    const local = shareAddress(SERVER, 'http://localhost:3000');
    expect(local.url).toBe(SERVER);
    expect(local.warning).toMatch(/localhost:3000, an address of this computer only/);
    expect(shareAddress(SERVER, 'http://127.0.0.1:8080').warning).not.toBeNull();
  });

  it("falls back to the server's link for an origin that is not http(s)", () => {
    expect(shareAddress('https://h.example.org/shared/x', 'null')).toEqual({
      url: 'https://h.example.org/shared/x',
      warning: null,
    });
    expect(shareAddress('https://h.example.org/shared/x', 'file://').url).toBe(
      'https://h.example.org/shared/x',
    );
  });
});
