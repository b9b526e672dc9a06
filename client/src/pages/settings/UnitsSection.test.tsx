// @vitest-environment happy-dom
import { defaultPreferences, type Preferences } from '@hearth/schema';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnitsForm } from './UnitsSection.js';

afterEach(cleanup);

function renderForm(region: string, preferences: Preferences = defaultPreferences()) {
  const save = vi.fn((_: Preferences) => Promise.resolve());
  render(
    <UnitsForm
      preferences={preferences}
      region={region}
      pending={false}
      disabled={false}
      save={save}
    />,
  );
  return save;
}

describe('UnitsForm', () => {
  it('starts at the region’s defaults and marks them', () => {
    renderForm('GB');
    const weight = screen.getByLabelText<HTMLSelectElement>('Weight');
    expect(weight.value).toBe('st');
    expect(weight.selectedOptions[0]?.textContent).toBe(
      'stones and pounds (st lb) (your region’s default)',
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Glucose').value).toBe('mmol/L');
  });

  it('stores a choice and the clock, and leaves a region default unstored', async () => {
    const save = renderForm('US');
    await userEvent.selectOptions(screen.getByLabelText('Weight'), 'kg');
    await userEvent.selectOptions(screen.getByLabelText('Distance'), 'mi');
    await userEvent.selectOptions(screen.getByLabelText('Clock'), 'h23');
    await userEvent.click(screen.getByRole('button', { name: 'Save units' }));
    expect(save).toHaveBeenCalledWith({
      ...defaultPreferences(),
      displayUnits: { WEIGHT: 'kg' },
      hourCycle: 'h23',
    });
    expect(screen.getByRole('status').textContent).toBe('Units saved.');
  });

  it('says so when saving fails', async () => {
    const save = renderForm('US');
    save.mockRejectedValueOnce(new Error('quota'));
    await userEvent.click(screen.getByRole('button', { name: 'Save units' }));
    expect(screen.getByRole('alert').textContent).toMatch(/could not be saved/);
  });
});
