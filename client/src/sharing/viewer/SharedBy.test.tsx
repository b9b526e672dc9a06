// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedBy } from './SharedBy.js';

afterEach(cleanup);

describe('SharedBy', () => {
  it('names the person who shared the data', () => {
    render(<SharedBy name="Ada Lovelace" />);
    expect(screen.getByText(/^Shared by/).textContent).toBe('Shared by Ada Lovelace');
  });

  it('says nothing when the person set no name', () => {
    const { container } = render(<SharedBy name={undefined} />);
    expect(container.textContent).toBe('');
  });
});
