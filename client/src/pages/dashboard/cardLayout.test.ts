import { HEALTH_DATA_TYPES, type DashboardPreferences, type HealthDataType } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardSlots, moveCard, setCardHidden, visibleTypes } from './cardLayout.js';

const none: DashboardPreferences = { order: [], hidden: [] };
const typeArb = fc.constantFrom(...HEALTH_DATA_TYPES);
const prefsArb = fc.record({
  order: fc.array(typeArb, { maxLength: HEALTH_DATA_TYPES.length }),
  hidden: fc.array(typeArb, { maxLength: HEALTH_DATA_TYPES.length }),
});
const editArb = fc.oneof(
  fc.record({
    kind: fc.constant('move' as const),
    type: typeArb,
    step: fc.constantFrom(-1 as const, 1 as const),
  }),
  fc.record({ kind: fc.constant('hide' as const), type: typeArb, hidden: fc.boolean() }),
);

const typesOf = (prefs: DashboardPreferences) => cardSlots(prefs).map((s) => s.type);

describe('cardSlots', () => {
  it('is the schema order with no preferences, every card shown', () => {
    expect(cardSlots(none)).toEqual(HEALTH_DATA_TYPES.map((type) => ({ type, hidden: false })));
  });

  it('puts the listed types first, then the rest in schema order, ignoring repeats', () => {
    const types = typesOf({ order: ['WEIGHT', 'STEPS', 'WEIGHT'], hidden: [] });
    expect(types.slice(0, 3)).toEqual(['WEIGHT', 'STEPS', 'DISTANCE']);
    expect(types).toHaveLength(HEALTH_DATA_TYPES.length);
  });

  it('holds every type exactly once, whatever was stored', () => {
    fc.assert(
      fc.property(prefsArb, (prefs) => {
        expect([...typesOf(prefs)].sort()).toEqual([...HEALTH_DATA_TYPES].sort());
      }),
    );
  });
});

describe('moveCard', () => {
  it('swaps a card with its neighbour and leaves the ends where they are', () => {
    expect(typesOf(moveCard(none, 'DISTANCE', -1)).slice(0, 2)).toEqual(['DISTANCE', 'STEPS']);
    expect(typesOf(moveCard(none, 'STEPS', -1))).toEqual(HEALTH_DATA_TYPES);
    const last = HEALTH_DATA_TYPES[HEALTH_DATA_TYPES.length - 1]!;
    expect(typesOf(moveCard(none, last, 1))).toEqual(HEALTH_DATA_TYPES);
  });

  it('is undone by the opposite move unless the card stood at that end', () => {
    fc.assert(
      fc.property(
        prefsArb,
        typeArb,
        fc.constantFrom(-1 as const, 1 as const),
        (prefs, type, step) => {
          const before = typesOf(prefs);
          const index = before.indexOf(type);
          const atEnd = step === -1 ? index === 0 : index === before.length - 1;
          const back = moveCard(moveCard(prefs, type, step), type, step === 1 ? -1 : 1);
          if (!atEnd) expect(typesOf(back)).toEqual(before);
        },
      ),
    );
  });

  it('moves only the card and its neighbour', () => {
    fc.assert(
      fc.property(
        prefsArb,
        typeArb,
        fc.constantFrom(-1 as const, 1 as const),
        (prefs, type, step) => {
          const before = typesOf(prefs);
          const after = typesOf(moveCard(prefs, type, step));
          const changed = before.filter((t, i) => after[i] !== t);
          expect(changed.length === 0 || (changed.length === 2 && changed.includes(type))).toBe(
            true,
          );
        },
      ),
    );
  });
});

describe('setCardHidden and visibleTypes', () => {
  it('hides a card from the dashboard and brings it back at its place', () => {
    const moved = moveCard(none, 'WEIGHT', -1);
    const hidden = setCardHidden(moved, 'WEIGHT', true);
    expect(visibleTypes(hidden)).not.toContain('WEIGHT');
    expect(typesOf(hidden)).toEqual(typesOf(moved));
    expect(visibleTypes(setCardHidden(hidden, 'WEIGHT', false))).toEqual(typesOf(moved));
  });

  it('after any edits, shows exactly the cards last left shown, in the editor’s order', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 30 }), (edits) => {
        const shown = new Map<HealthDataType, boolean>(HEALTH_DATA_TYPES.map((t) => [t, true]));
        let prefs = none;
        for (const edit of edits) {
          if (edit.kind === 'move') prefs = moveCard(prefs, edit.type, edit.step);
          else {
            prefs = setCardHidden(prefs, edit.type, edit.hidden);
            shown.set(edit.type, !edit.hidden);
          }
        }
        expect(visibleTypes(prefs)).toEqual(typesOf(prefs).filter((t) => shown.get(t)));
      }),
    );
  });
});
