import { HEALTH_DATA_TYPES, type DashboardPreferences, type HealthDataType } from '@hearth/schema';

/** One row of the card editor: a type, where it stands, and whether the dashboard shows it. */
export type CardSlot = { type: HealthDataType; hidden: boolean };

/**
 * Every type once, in the person's order: the types `order` lists first (as listed, a repeat or
 * an unknown one ignored), then the rest in the schema's order. A type added to Hearth after the
 * person last arranged their cards so still shows up, at the end.
 */
export function cardSlots(prefs: DashboardPreferences): CardSlot[] {
  const known = new Set<HealthDataType>(HEALTH_DATA_TYPES);
  const seen = new Set<HealthDataType>();
  const ordered: HealthDataType[] = [];
  for (const type of [...prefs.order, ...HEALTH_DATA_TYPES]) {
    if (!known.has(type) || seen.has(type)) continue;
    seen.add(type);
    ordered.push(type);
  }
  const hidden = new Set(prefs.hidden);
  return ordered.map((type) => ({ type, hidden: hidden.has(type) }));
}

/** The types the dashboard shows, in order. */
export function visibleTypes(prefs: DashboardPreferences): HealthDataType[] {
  return cardSlots(prefs)
    .filter((slot) => !slot.hidden)
    .map((slot) => slot.type);
}

function fromSlots(slots: readonly CardSlot[]): DashboardPreferences {
  return {
    order: slots.map((s) => s.type),
    hidden: slots.filter((s) => s.hidden).map((s) => s.type),
  };
}

/**
 * `type` one place earlier (`-1`) or later (`+1`) among all cards, hidden ones included, so the
 * editor's list and its buttons agree; at either end nothing moves. The whole order is written
 * out, so two devices that replicate it show the same dashboard.
 */
export function moveCard(
  prefs: DashboardPreferences,
  type: HealthDataType,
  step: -1 | 1,
): DashboardPreferences {
  const slots = cardSlots(prefs);
  const from = slots.findIndex((s) => s.type === type);
  const to = from + step;
  if (from < 0 || to < 0 || to >= slots.length) return fromSlots(slots);
  const [moved] = slots.splice(from, 1) as [CardSlot];
  slots.splice(to, 0, moved);
  return fromSlots(slots);
}

/** `type` shown or hidden; its place is kept for when it comes back. */
export function setCardHidden(
  prefs: DashboardPreferences,
  type: HealthDataType,
  hidden: boolean,
): DashboardPreferences {
  return fromSlots(cardSlots(prefs).map((s) => (s.type === type ? { ...s, hidden } : s)));
}
