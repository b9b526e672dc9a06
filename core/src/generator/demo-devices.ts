import type { DeviceKind } from '@hearth/schema';

/** A device of the synthetic household; `id` is what every generated sample's `sourceDevice` holds. */
export interface DemoDevice {
  id: string;
  name: string;
  kind: DeviceKind;
}

/**
 * The demo person's devices. Ids are fixed (not random) so that demo data regenerated from the
 * same seed lands on the same series; callers that register real devices map these ids to theirs.
 */
export const DEMO_DEVICES = {
  watch: { id: 'demo-watch', name: 'Apple Watch', kind: 'apple_watch' },
  phone: { id: 'demo-phone', name: 'iPhone', kind: 'iphone' },
  band: { id: 'demo-band', name: 'Fitness band', kind: 'third_party_wearable' },
  scale: { id: 'demo-scale', name: 'Smart scale', kind: 'third_party_scale' },
  manual: { id: 'demo-manual', name: 'Manual entry', kind: 'manual_entry' },
} as const satisfies Record<string, DemoDevice>;

export const DEMO_DEVICE_LIST: readonly DemoDevice[] = Object.values(DEMO_DEVICES);
