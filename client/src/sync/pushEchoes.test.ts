import { describe, expect, it } from 'vitest';
import { PushEchoes } from './pushEchoes.js';

const at = (position: number) => ({ position, id: `doc-${position}` });

describe('PushEchoes', () => {
  it('pulls from where RxDB asks while no upload was overtaken', () => {
    const echoes = new PushEchoes();
    expect(echoes.pullFrom(at(3))).toEqual(at(3));
    echoes.delivered([{ id: 'a' }], at(5));
    const recorded = echoes.uploadStarted(['a']);
    echoes.delivered([{ id: 'b' }], at(7));
    expect(recorded()).toBe(false);
    expect(echoes.pullFrom(at(7))).toEqual(at(7));
  });

  it('after an upload overtaken by its own document, pulls once from before the upload', () => {
    const echoes = new PushEchoes();
    expect(echoes.pullFrom(at(3))).toEqual(at(3));
    echoes.delivered([{ id: 'x' }], at(5));
    const recorded = echoes.uploadStarted(['a', 'b']);
    // A pull already under way returns the server's state of the upload before RxDB records it.
    echoes.delivered([{ id: 'x' }, { id: 'b' }], at(9));
    expect(recorded()).toBe(true);
    expect(echoes.pullFrom(at(9))).toEqual(at(5));
    // Only once: the next pull continues where RxDB is.
    expect(echoes.pullFrom(at(9))).toEqual(at(9));
  });

  it('goes back to the earliest start of several overtaken uploads, never forward', () => {
    const echoes = new PushEchoes();
    echoes.delivered([], at(4));
    const first = echoes.uploadStarted(['a']);
    echoes.delivered([{ id: 'c' }], at(6));
    const second = echoes.uploadStarted(['b']);
    echoes.delivered([{ id: 'a' }, { id: 'b' }], at(8));
    expect(second()).toBe(true);
    expect(first()).toBe(true);
    expect(echoes.pullFrom(at(8))).toEqual(at(4));
    // A rewind is never later than where RxDB already is.
    const third = echoes.uploadStarted(['d']);
    echoes.delivered([{ id: 'd' }], at(10));
    expect(third()).toBe(true);
    expect(echoes.pullFrom(at(2))).toEqual(at(2));
  });

  it('pulls from the beginning when the upload began before anything was delivered', () => {
    const echoes = new PushEchoes();
    const recorded = echoes.uploadStarted(['a']);
    echoes.delivered([{ id: 'a' }], at(1));
    expect(recorded()).toBe(true);
    expect(echoes.pullFrom(at(1))).toBeUndefined();
  });
});
