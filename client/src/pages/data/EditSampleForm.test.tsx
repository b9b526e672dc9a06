// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditSampleForm } from './EditSampleForm.js';

afterEach(cleanup);

const sample = {
  seriesId: 'm|WEIGHT|0',
  type: 'WEIGHT' as const,
  start: Date.parse('2026-03-01T08:00:00Z'),
  end: Date.parse('2026-03-01T08:00:00Z'),
  value: 71.5,
};

describe('EditSampleForm', () => {
  it('saves a new value', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    render(<EditSampleForm sample={sample} onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (kg)');
    expect(input).toHaveProperty('value', '71.5');
    await userEvent.clear(input);
    await userEvent.type(input, '70.9');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(70.9);
  });

  it('explains a value it refuses and saves nothing', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    render(<EditSampleForm sample={sample} onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (kg)');
    await userEvent.clear(input);
    await userEvent.type(input, 'heavy');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a number.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('cancels', async () => {
    const onCancel = vi.fn();
    render(<EditSampleForm sample={sample} onSave={() => Promise.resolve()} onCancel={onCancel} />);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
