import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { metricSlug } from '../../format/metricFormat.js';
import { dayDataPath } from '../data/dayDataPath.js';
import type { DashboardCard } from './dashboardCards.js';

/** `children`: what a card adds under its figure (the sleep card's stages). */
export function MetricCard({ card, children }: { card: DashboardCard; children?: ReactNode }) {
  const headingId = `card-${card.type}`;
  return (
    <li className="card" aria-labelledby={headingId} data-metric={card.type}>
      <h3 id={headingId}>{card.title}</h3>
      <p className="card__value" data-testid="metric-value" data-value={card.value ?? ''}>
        {card.valueText}
      </p>
      {card.detail && <p className="card__detail">{card.detail}</p>}
      {children}
      {card.goal && (
        <>
          <progress
            value={card.goal.percent}
            max={100}
            aria-label={`${card.title} goal progress`}
            aria-valuetext={card.goal.text}
          />
          <p className="card__detail">{card.goal.text}</p>
        </>
      )}
      {card.computedOnDevice && (
        <p className="card__detail">
          <span className="badge">Computed on this device</span>
        </p>
      )}
      <Link to={dayDataPath(card.type, 'today')}>
        Samples<span className="visually-hidden"> behind today’s {card.title.toLowerCase()}</span>
      </Link>{' '}
      <Link to={`/trends/${metricSlug(card.type)}`}>
        {card.title} trends<span className="visually-hidden"> over time</span>
      </Link>
    </li>
  );
}
