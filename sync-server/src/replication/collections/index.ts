import type { ReplicatedCollection, ReplicatedDoc } from '@hearth/schema';
import { devicesReader, devicesWriter } from './devices.collection.js';
import { freshnessReader } from './freshness.collection.js';
import { insightsReader, insightsWriter } from './insights.collection.js';
import { rollupsReader } from './rollups.collection.js';
import { seriesReader, seriesWriter } from './series.collection.js';
import { settingsReader, settingsWriter } from './settings.collection.js';
import type { CollectionReader, CollectionWriter } from './types.js';

export type {
  Change,
  CollectionReader,
  CollectionWriter,
  ReadContext,
  WriteContext,
} from './types.js';

export const READERS: { [C in ReplicatedCollection]: CollectionReader<ReplicatedDoc<C>> } = {
  series: seriesReader,
  rollups: rollupsReader,
  devices: devicesReader,
  settings: settingsReader,
  insights: insightsReader,
  freshness: freshnessReader,
};

/** Rollups and freshness have no writer: the server computes them, read-only on every device. */
export const WRITERS: {
  [C in ReplicatedCollection]: CollectionWriter<ReplicatedDoc<C>> | null;
} = {
  series: seriesWriter,
  rollups: null,
  devices: devicesWriter,
  settings: settingsWriter,
  insights: insightsWriter,
  freshness: null,
};
