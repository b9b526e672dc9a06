// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { Subject, defer, of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { useObservable } from './useObservable.js';

afterEach(cleanup);

describe('useObservable', () => {
  it('gives the latest value, then the error with the last value when the view fails', () => {
    const source = new Subject<number>();
    const { result } = renderHook(() => useObservable(() => source, [], 0));
    expect(result.current).toMatchObject({ value: 0, error: null });
    act(() => source.next(7));
    expect(result.current).toMatchObject({ value: 7, error: null });
    act(() => source.error(new Error('query failed')));
    expect(result.current.value).toBe(7);
    expect(result.current.error?.message).toBe('query failed');
  });

  it('turns a throw while building the query, or a thrown non-error, into an Error', () => {
    const { result } = renderHook(() =>
      useObservable<number>(
        () => {
          // A library may throw anything; the hook still hands the screen an Error.
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw 'closed';
        },
        [],
        0,
      ),
    );
    expect(result.current.error).toBeInstanceOf(Error);
    expect(result.current.error?.message).toBe('closed');
  });

  it('subscribes again on retry and clears the error once the new subscription answers', () => {
    let attempts = 0;
    const failing = new Subject<number>();
    const { result } = renderHook(() =>
      useObservable(() => defer(() => (++attempts === 1 ? failing : of(42))), [], 0),
    );
    act(() => failing.error(new Error('first try fails')));
    expect(result.current.error).not.toBeNull();
    act(() => result.current.retry());
    expect(attempts).toBe(2);
    expect(result.current).toMatchObject({ value: 42, error: null });
  });

  it('never shows a failure or a value of other deps', () => {
    const sources = new Map([
      ['a', new Subject<string>()],
      ['b', new Subject<string>()],
    ]);
    const { result, rerender } = renderHook(
      ({ key }: { key: string }) => useObservable(() => sources.get(key) ?? null, [key], 'none'),
      { initialProps: { key: 'a' } },
    );
    act(() => sources.get('a')?.next('from a'));
    act(() => sources.get('a')?.error(new Error('a failed')));
    rerender({ key: 'b' });
    expect(result.current).toMatchObject({ value: 'none', error: null });
    act(() => sources.get('b')?.error(new Error('b failed')));
    expect(result.current).toMatchObject({ value: 'none', error: { message: 'b failed' } });
  });
});
