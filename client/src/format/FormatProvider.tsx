import { createContext, useContext, type ReactNode } from 'react';
import { useSettings } from '../data/useReplicaData.js';
import { applyFormatPreferences, format } from './currentFormat.js';
import type { Formatter } from './formatter.js';

const FormatContext = createContext<Formatter | null>(null);

/**
 * Follows the settings document's preferences (offline, and as they replicate from another
 * device): the module formatter is rebuilt during render, before any child formats with it.
 */
export function FormatProvider({ children }: { children: ReactNode }) {
  const { settings } = useSettings();
  const formatter = applyFormatPreferences(settings.preferences);
  return <FormatContext.Provider value={formatter}>{children}</FormatContext.Provider>;
}

/** The person's formatter; a screen that calls it re-renders when their units or clock change. */
export function useFormatter(): Formatter {
  return useContext(FormatContext) ?? format();
}
