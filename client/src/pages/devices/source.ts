import type { DeviceRow } from '../../db/types.js';

/** A source of data on the Devices page: a live device, or a removed one whose data was kept. */
export type Source = DeviceRow & { removed?: boolean };
