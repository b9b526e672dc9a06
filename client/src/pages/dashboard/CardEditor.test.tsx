// @vitest-environment happy-dom
import type { DashboardPreferences } from '@hearth/schema';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardEditor } from './CardEditor.js';

afterEach(cleanup);

/** The editor with its preferences held in state, as the replica would hold them. */
function Harness({ onChange }: { onChange: (p: DashboardPreferences) => Promise<void> }) {
  const [prefs, setPrefs] = useState<DashboardPreferences>({ order: [], hidden: [] });
  return (
    <CardEditor
      preferences={prefs}
      onChange={async (next) => {
        await onChange(next);
        setPrefs(next);
      }}
      onDone={() => undefined}
    />
  );
}

const rowNames = () =>
  within(screen.getByRole('list', { name: 'Dashboard cards, in order' }))
    .getAllByRole('checkbox')
    .map((box) => box.getAttribute('id'));

describe('CardEditor', () => {
  it('moves a card with its buttons and hides another, storing each change', async () => {
    const stored = vi.fn((_: DashboardPreferences) => Promise.resolve());
    render(<Harness onChange={stored} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move Distance up' }));
    expect(rowNames().slice(0, 2)).toEqual(['card-shown-DISTANCE', 'card-shown-STEPS']);
    expect(screen.getByRole('status').textContent).toBe('Distance moved to place 1 of 10.');
    await userEvent.click(screen.getByLabelText('Show Weight'));
    expect(screen.getByLabelText('Show Weight')).toHaveProperty('checked', false);
    expect(stored).toHaveBeenLastCalledWith(expect.objectContaining({ hidden: ['WEIGHT'] }));
    expect(stored.mock.lastCall?.[0].order.slice(0, 2)).toEqual(['DISTANCE', 'STEPS']);
  });

  it('leaves the first card where it is and stores nothing when it is moved up', async () => {
    const stored = vi.fn(() => Promise.resolve());
    render(<Harness onChange={stored} />);
    const up = screen.getByRole('button', { name: 'Move Distance up' });
    await userEvent.click(up);
    await userEvent.click(up);
    expect(up.getAttribute('aria-disabled')).toBe('true');
    expect(stored).toHaveBeenCalledTimes(1);
  });

  it('says when the arrangement could not be saved', async () => {
    render(<Harness onChange={() => Promise.reject(new Error('closed'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move Steps down' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Your card arrangement could not be saved. Try again.',
    );
    expect(rowNames()[0]).toBe('card-shown-STEPS');
  });
});
