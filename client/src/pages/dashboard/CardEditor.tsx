import type { DashboardPreferences, HealthDataType } from '@hearth/schema';
import { useState } from 'react';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import { metricName } from '../../format/metricFormat.js';
import { cardSlots, moveCard, setCardHidden } from './cardLayout.js';

type Props = {
  preferences: DashboardPreferences;
  /** Stores the new arrangement (on this device first, so it works offline). */
  onChange: (next: DashboardPreferences) => Promise<void>;
  onDone: () => void;
};

/**
 * The dashboard's cards in order, each with buttons to move it and a box to show it: buttons
 * rather than dragging alone, so a keyboard, a screen reader and a thumb can all do it.
 */
export function CardEditor({ preferences, onChange, onDone }: Props) {
  const [announcement, setAnnouncement] = useState('');
  const slots = cardSlots(preferences);

  const apply = useAction(
    async (next: DashboardPreferences, said: string) => {
      await onChange(next);
      setAnnouncement(said);
    },
    () => 'Your card arrangement could not be saved. Try again.',
  );
  const move = (type: HealthDataType, step: -1 | 1, index: number) =>
    apply.run(
      moveCard(preferences, type, step),
      `${metricName(type)} moved to place ${index + step + 1} of ${slots.length}.`,
    );
  const show = (type: HealthDataType, shown: boolean) =>
    apply.run(
      setCardHidden(preferences, type, !shown),
      `${metricName(type)} ${shown ? 'shown' : 'hidden'}.`,
    );

  return (
    <section aria-labelledby="card-editor-title">
      <h2 id="card-editor-title">Arrange your cards</h2>
      <p className="muted">
        Move the cards you look at most to the top and hide the ones you do not need. Your other
        devices follow.
      </p>
      <ol className="plain-list" aria-label="Dashboard cards, in order">
        {slots.map(({ type, hidden }, index) => {
          const name = metricName(type);
          const checkboxId = `card-shown-${type}`;
          return (
            <li key={type} className="row" data-card={type}>
              <span className="row__main">
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={!hidden}
                  onChange={(e) => show(type, e.target.checked)}
                />
                <label htmlFor={checkboxId}>Show {name}</label>
              </span>
              <span className="row__actions">
                {/* aria-disabled, not disabled: the focus stays on a button that reached an end. */}
                <button
                  type="button"
                  aria-label={`Move ${name} up`}
                  aria-disabled={index === 0}
                  onClick={() => index > 0 && move(type, -1, index)}
                >
                  Up
                </button>
                <button
                  type="button"
                  aria-label={`Move ${name} down`}
                  aria-disabled={index === slots.length - 1}
                  onClick={() => index < slots.length - 1 && move(type, 1, index)}
                >
                  Down
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <ActionError error={apply.error} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
