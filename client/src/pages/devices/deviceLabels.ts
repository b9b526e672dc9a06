import type { DeviceKind } from '@hearth/schema';

export const DEVICE_KIND_LABEL: Record<DeviceKind, string> = {
  apple_watch: 'Apple Watch',
  iphone: 'iPhone',
  ipad: 'iPad',
  third_party_wearable: 'Wearable',
  third_party_scale: 'Scale',
  manual_entry: 'Entries made in this app',
};
