import { DEVICE_KIND_PRIORITY, type DeviceKind } from '@hearth/schema';

export interface PrioritisedDevice {
  id: string;
  kind: DeviceKind;
  /** ISO instant the device was registered. */
  createdAt: string;
}

/**
 * The source order rollups use, highest first: the user's explicit order (ids of existing devices
 * only, first mention wins), then every other device by its kind's default priority (higher
 * first), then by registration time (older first), then by id, so the order is total.
 */
export function resolveSourcePriority(
  devices: readonly PrioritisedDevice[],
  explicit: readonly string[],
): string[] {
  const known = new Set(devices.map((d) => d.id));
  const ordered = [...new Set(explicit.filter((id) => known.has(id)))];
  const placed = new Set(ordered);
  const rest = devices
    .filter((d) => !placed.has(d.id))
    .map((d) => ({ ...d, createdMs: Date.parse(d.createdAt) }))
    .sort(
      (a, b) =>
        DEVICE_KIND_PRIORITY[b.kind] - DEVICE_KIND_PRIORITY[a.kind] ||
        compareCreated(a.createdMs, b.createdMs) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  // A device listed twice in `devices` would otherwise appear twice.
  return [...new Set([...ordered, ...rest.map((d) => d.id)])];
}

/** Older first; an unparseable time sorts after every real one. */
function compareCreated(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return a - b;
}
