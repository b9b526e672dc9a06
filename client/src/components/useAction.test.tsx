// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError } from './ActionError.js';
import { useAction } from './useAction.js';

afterEach(cleanup);

/** A control whose action waits for the test to settle it, so every state can be seen. */
function Harness({ pending }: { pending: Array<{ resolve: () => void; reject: () => void }> }) {
  const action = useAction(
    () =>
      new Promise<void>((resolve, reject) =>
        pending.push({ resolve, reject: () => reject(new Error('storage closed')) }),
      ),
    (caught) => `Could not save: ${caught instanceof Error ? caught.message : 'unknown'}.`,
  );
  return (
    <>
      <button type="button" onClick={action.run} disabled={action.busy}>
        Save
      </button>
      <ActionError error={action.error} />
    </>
  );
}

describe('useAction', () => {
  it('is busy while the action runs, says its failure, and lets the person try again', async () => {
    const pending: Array<{ resolve: () => void; reject: () => void }> = [];
    render(<Harness pending={pending} />);
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.click(save);
    expect(save.hasAttribute('disabled')).toBe(true);
    pending[0]?.reject();
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save: storage closed.');
    expect(save.hasAttribute('disabled')).toBe(false);
    // A new run clears the old failure; its success leaves none.
    await userEvent.click(save);
    expect(screen.queryByRole('alert')).toBeNull();
    pending[1]?.resolve();
    await expect.poll(() => save.hasAttribute('disabled')).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(pending).toHaveLength(2);
  });

  it('settles quietly when its control is gone before the action ends', async () => {
    const pending: Array<{ resolve: () => void; reject: () => void }> = [];
    const { unmount } = render(<Harness pending={pending} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    unmount();
    pending[0]?.reject();
    // Nothing is rendered and nothing is thrown: the rejection was handled.
    await Promise.resolve();
    expect(document.body.textContent).toBe('');
  });

  it('says a failure thrown before the action returned its promise', async () => {
    function Throwing() {
      const action = useAction(
        (): Promise<void> => {
          throw new Error('no replica');
        },
        () => 'Not saved.',
      );
      return (
        <>
          <button type="button" onClick={action.run}>
            Save
          </button>
          <ActionError error={action.error} />
        </>
      );
    }
    render(<Throwing />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved.');
  });
});
