import { describe, expect, it } from 'vitest';
import { PushEchoes } from './pushEchoes.js';

const at = (position: number) => ({ position, id: `doc-${position}` });

describe('PushEchoes', () => {
  it('pulls from where RxDB asks while no upload was overtaken', () => {
    const echoes = new PushEchoes();
    expect(echoes.pullFrom(at(3))).toEqual(at(3));
    echoes.pulled(at(3), [{ id: 'a' }], at(5));
    const recorded = echoes.uploadStarted(['a']);
    echoes.delivered([{ id: 'b' }], at(7));
    expect(recorded()).toBe(false);
    expect(echoes.pullFrom(at(7))).toEqual(at(7));
  });

  it('after an upload overtaken by its own document, pulls once from before the upload', () => {
    const echoes = new PushEchoes();
    expect(echoes.pullFrom(at(3))).toEqual(at(3));
    echoes.pulled(at(3), [{ id: 'x' }], at(5));
    const recorded = echoes.uploadStarted(['a', 'b']);
    // A pull already under way returns the server's state of the upload before RxDB records it.
    echoes.delivered([{ id: 'x' }, { id: 'b' }], at(9));
    expect(recorded()).toBe(true);
    expect(echoes.pullFrom(at(9))).toEqual(at(5));
    echoes.pulled(at(5), [{ id: 'b' }], at(9));
    // Only once: the next pull continues where RxDB is.
    expect(echoes.pullFrom(at(9))).toEqual(at(9));
  });

  it('keeps the rewind through a pull that failed, until one from it succeeds', () => {
    const echoes = new PushEchoes();
    echoes.delivered([], at(5));
    const recorded = echoes.uploadStarted(['a']);
    echoes.delivered([{ id: 'a' }], at(9));
    expect(recorded()).toBe(true);
    // The pull from the rewind fails (no pulled call): the next one goes back again.
    expect(echoes.pullFrom(at(9))).toEqual(at(5));
    expect(echoes.pullFrom(at(9))).toEqual(at(5));
    echoes.pulled(at(5), [{ id: 'a' }], at(9));
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
    echoes.pulled(at(4), [{ id: 'a' }, { id: 'b' }], at(8));
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
    echoes.pulled(undefined, [{ id: 'a' }], at(1));
    expect(echoes.pullFrom(at(1))).toEqual(at(1));
  });
});
