import { addLocalDays } from '@hearth/core';
import {
  createShareLinkSchema,
  HEALTH_DATA_TYPES,
  type CreateShareLink,
  type HealthDataType,
} from '@hearth/schema';

export const EXPIRY_PRESETS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: 'date', label: 'On a date…' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_PRESETS)[number]['value'];

/** What the share dialog holds while a person fills it in. */
export interface ShareFormState {
  dataTypes: HealthDataType[];
  dateStart: string;
  dateEnd: string;
  expiry: ExpiryChoice;
  /** `YYYY-MM-DD`, used when `expiry` is `date`: the link works until the end of that day. */
  expiryDate: string;
  recipientEmail: string;
}

export type ShareFormField = 'dataTypes' | 'dates' | 'expiry' | 'recipientEmail';
export type ShareFormErrors = Partial<Record<ShareFormField, string>>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's local calendar date of an instant. */
export function localDateOf(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The last 30 finished days, up to yesterday (today is still being counted: a doctor opening
 * the link in the morning would see a partial day), nothing picked, a 30-day link.
 */
export function initialShareForm(now: Date): ShareFormState {
  const yesterday = addLocalDays(localDateOf(now), -1);
  return {
    dataTypes: [],
    dateStart: addLocalDays(yesterday, -29),
    dateEnd: yesterday,
    expiry: '30',
    expiryDate: '',
    recipientEmail: '',
  };
}

/** Adds or removes a metric, keeping the canonical order. */
export function toggleType(
  types: readonly HealthDataType[],
  type: HealthDataType,
): HealthDataType[] {
  const next = new Set(types);
  if (next.has(type)) next.delete(type);
  else next.add(type);
  return HEALTH_DATA_TYPES.filter((t) => next.has(t));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When the link stops working: a preset counts whole days from now; a date means the end of
 * that day on this device's clock (23:59:59.999 local). Null for a missing or malformed date.
 */
export function expiresAtFor(state: ShareFormState, now: Date): Date | null {
  if (state.expiry !== 'date') return new Date(now.getTime() + Number(state.expiry) * 86_400_000);
  if (!DATE.test(state.expiryDate)) return null;
  const [y, m, d] = state.expiryDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59, 999);
}

function checkForm(state: ShareFormState, expiresAt: Date | null, now: Date): ShareFormErrors {
  const errors: ShareFormErrors = {};
  if (state.dataTypes.length === 0) errors.dataTypes = 'Choose at least one metric to share.';
  if (!DATE.test(state.dateStart) || !DATE.test(state.dateEnd)) {
    errors.dates = 'Choose the first and the last day to share.';
  } else if (state.dateStart > state.dateEnd) {
    errors.dates = 'The first day must not be after the last day.';
  }
  if (!expiresAt) errors.expiry = 'Choose the day the link stops working.';
  else if (expiresAt.getTime() <= now.getTime()) errors.expiry = 'Choose a day in the future.';
  return errors;
}

/** The request body, or what to fix (one message per field). */
export function toCreateShareLink(
  state: ShareFormState,
  now: Date,
): { body: CreateShareLink } | { errors: ShareFormErrors } {
  const expiresAt = expiresAtFor(state, now);
  const errors = checkForm(state, expiresAt, now);
  if (Object.keys(errors).length > 0 || !expiresAt) return { errors };
  const email = state.recipientEmail.trim();
  const parsed = createShareLinkSchema.safeParse({
    ...(email ? { recipientEmail: email } : {}),
    dataTypes: state.dataTypes,
    dateStart: state.dateStart,
    dateEnd: state.dateEnd,
    expiresAt: expiresAt.toISOString(),
  });
  if (parsed.success) return { body: parsed.data };
  const emailIssue = parsed.error.issues.some((i) => i.path[0] === 'recipientEmail');
  return emailIssue
    ? { errors: { recipientEmail: 'Enter a valid email address, or leave it empty.' } }
    : { errors: { dates: parsed.error.issues[0]?.message ?? 'Check the dates.' } };
}
