import type { SampleErrorCode, SleepStage } from '@hearth/schema';
import type { HaeAggregation } from './metrics.js';

/** A sample in the device API's shape (`POST /devices/:id/sync`), validated by core on ingest. */
export interface HaeRawSample {
  type: string;
  value: number;
  unit: string;
  startDate: string;
  endDate: string;
  sleepStage?: SleepStage;
}

/** One mapped point and where it came from. */
export interface HaeSample {
  sample: HaeRawSample;
  /**
   * The one source the point names, or null when it names none or several (HAE joins the
   * sources HealthKit merged into an aggregated point with `|`).
   */
  source: string | null;
  /** The HAE metric name and the point's index in its `data`, to report a refusal by. */
  metric: string;
  index: number;
}

/** A point the mapper could not read (the server adds the ones core refuses). */
export interface HaeRefusal {
  metric: string;
  index: number;
  code: SampleErrorCode;
  error: string;
}

export interface HaeMapping {
  samples: HaeSample[];
  refused: HaeRefusal[];
  /** Points of metrics Hearth does not store, by metric name (`workouts` for workouts). */
  skipped: Record<string, number>;
  /** Points seen in the payload, stored types or not (what a request is charged). */
  points: number;
}

export interface HaeMapOptions {
  /**
   * How long a point that carries only a `date` lasts (the automation's aggregation): amounts
   * (steps, distance, energy) spread over [date, date + interval); readings (heart rate, weight,
   * …) are instants at `date`. HAE's JSON default is minutes (seconds for heart rate, which is
   * an instant either way).
   */
  aggregation: HaeAggregation;
}
