import type { Preferences } from '@hearth/schema';
import { createFormatter, type Formatter } from './formatter.js';

/** The browser's language: the app (and the share viewer) speak it; "en-US" outside a browser. */
export function browserLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

let current: Formatter = createFormatter({ locale: browserLocale(), displayUnits: {} });
let currentKey = '';

/**
 * The formatter every screen writes with. It is module state rather than only React context
 * because pure text builders (chart data, card text, the viewer's summaries) format too, and
 * threading a formatter through each of them would change every signature for one setting;
 * FormatProvider keeps it in step with the settings document and re-renders what reads it.
 */
export function format(): Formatter {
  return current;
}

/** Rebuilds the formatter when the locale or the person's preferences changed; returns it. */
export function applyFormatPreferences(
  preferences: Pick<Preferences, 'displayUnits' | 'hourCycle'>,
  locale: string = browserLocale(),
): Formatter {
  const key = JSON.stringify([locale, preferences.hourCycle, preferences.displayUnits]);
  if (key !== currentKey) {
    current = createFormatter({
      locale,
      hourCycle: preferences.hourCycle,
      displayUnits: preferences.displayUnits,
    });
    currentKey = key;
  }
  return current;
}
