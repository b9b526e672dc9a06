import { describe, expect, it } from 'vitest';
import { sameClientFields } from '@hearth/core';
import { decidePush } from './conflicts.js';

describe('decidePush (R3)', () => {
  type Doc = { id: string; name: string; updatedAt: string; _deleted: boolean };
  const fields = ['name', '_deleted'] as const;
  const master: Doc = {
    id: 'd',
    name: 'Watch',
    updatedAt: '2026-01-02T00:00:00Z',
    _deleted: false,
  };

  it('writes when the client saw the master, whatever the server-managed fields say', () => {
    expect(decidePush(master, { ...master, updatedAt: '' }, fields)).toBe('write');
    expect(sameClientFields(master, { ...master, updatedAt: 'x' }, fields)).toBe(true);
  });

  it('conflicts when a client-owned field moved on, or the client never saw the master', () => {
    expect(decidePush(master, { ...master, name: 'Old name' }, fields)).toBe('conflict');
    expect(decidePush(master, { ...master, _deleted: true }, fields)).toBe('conflict');
    expect(decidePush(master, null, fields)).toBe('conflict');
  });

  it('writes when there is no master: nothing can be lost', () => {
    expect(decidePush<Doc>(null, null, fields)).toBe('write');
    expect(decidePush(null, master, fields)).toBe('write');
  });
});
