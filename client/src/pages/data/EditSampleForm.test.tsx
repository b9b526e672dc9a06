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
    render(<EditSampleForm sample={sample} unit="kg" onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (kg)');
    expect(input).toHaveProperty('value', '71.5');
    await userEvent.clear(input);
    await userEvent.type(input, '70.9');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(70.9);
  });

  it('explains a value it refuses and saves nothing', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    render(<EditSampleForm sample={sample} unit="kg" onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (kg)');
    await userEvent.clear(input);
    await userEvent.type(input, 'heavy');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a number.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('opens in pounds and saves kilograms', async () => {
    const onSave = vi.fn((_: number) => Promise.resolve());
    render(<EditSampleForm sample={sample} unit="lb" onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (lb)');
    expect(input).toHaveProperty('value', '157.63');
    await userEvent.clear(input);
    await userEvent.type(input, '150');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave.mock.calls[0]?.[0]).toBeCloseTo(150 * 0.45359237, 10);
  });

  it('edits in stones and pounds, as manual entry does', async () => {
    const onSave = vi.fn((_: number) => Promise.resolve());
    render(<EditSampleForm sample={sample} unit="st" onSave={onSave} onCancel={() => {}} />);
    // 71.5 kg is 157.6 lb: 11 st 3.6 lb.
    const stones = screen.getByLabelText('New weight value (stones)');
    const pounds = screen.getByLabelText('And pounds');
    expect(stones).toHaveProperty('value', '11');
    expect(pounds).toHaveProperty('value', '3.6');
    await userEvent.clear(pounds);
    await userEvent.type(pounds, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave.mock.calls[0]?.[0]).toBeCloseTo(158 * 0.45359237, 10);
  });

  it('keeps the stored value exactly when the fields are left as they opened', async () => {
    const onSave = vi.fn((_: number) => Promise.resolve());
    render(<EditSampleForm sample={sample} unit="lb" onSave={onSave} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(71.5);
  });

  it('states the range in the unit the person types in', async () => {
    const onSave = vi.fn(() => Promise.resolve());
    render(<EditSampleForm sample={sample} unit="lb" onSave={onSave} onCancel={() => {}} />);
    const input = screen.getByLabelText('New weight value (lb)');
    await userEvent.clear(input);
    await userEvent.type(input, '3000');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Weight must be more than 0 lb and at most 2,204.6 lb.',
    );
    expect(onSave).not.toHaveBeenCalled();
  });

  it('cancels', async () => {
    const onCancel = vi.fn();
    render(
      <EditSampleForm
        sample={sample}
        unit="kg"
        onSave={() => Promise.resolve()}
        onCancel={onCancel}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });

  it('says a value it could not save and keeps the form to try again', async () => {
    const onSave = vi.fn((_: number) => Promise.reject(new Error('storage closed')));
    render(<EditSampleForm sample={sample} unit="kg" onSave={onSave} onCancel={() => {}} />);
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The new value could not be saved in this browser. Reload the page and try again.',
    );
    expect(save.hasAttribute('disabled')).toBe(false);
    await userEvent.click(save);
    expect(onSave).toHaveBeenCalledTimes(2);
  });
});
