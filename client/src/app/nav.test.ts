import { describe, expect, it } from 'vitest';
import { pageTitle } from './nav.js';

describe('pageTitle', () => {
  it('names the deepest route that has a title or a link text', () => {
    expect(pageTitle([{ handle: undefined }, { handle: { nav: 'Trends' } }])).toBe(
      'Trends · Hearth',
    );
    expect(pageTitle([{ handle: { nav: 'Today' } }, { handle: { title: 'Sign in' } }])).toBe(
      'Sign in · Hearth',
    );
  });

  it('prefers the page title over the link text', () => {
    expect(pageTitle([{ handle: { nav: 'Add entry', title: 'Add an entry' } }])).toBe(
      'Add an entry · Hearth',
    );
  });

  it('falls back to the app name', () => {
    expect(pageTitle([{ handle: undefined }])).toBe('Hearth');
    expect(pageTitle([])).toBe('Hearth');
  });
});
