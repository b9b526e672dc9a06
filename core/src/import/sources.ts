import type { DeviceKind } from '@hearth/schema';

/**
 * Exports name their sources in free text typed on a phone: "Anna’s Apple Watch" and
 * "Anna's Apple Watch" are one device (iOS writes the typographic apostrophe, some apps the
 * ASCII one), and a stray space or a different Unicode composition must not split a device.
 */
export function sourceKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc\u2032`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Guesses the kind of a source from its name and, when the export gives one, its hardware model
 * (Apple's `device` attribute: `model:Watch`, `model:iPhone`). The kind sets the default priority,
 * so a watch outranks a phone where both counted the same steps, as Apple Health does.
 */
export function guessDeviceKind(name: string, model?: string): DeviceKind {
  const text = `${model ?? ''} ${name}`.toLowerCase();
  if (/\bwatch\b/.test(text)) return 'apple_watch';
  if (/\biphone\b/.test(text)) return 'iphone';
  if (/\bipad\b/.test(text)) return 'ipad';
  if (/\bscale\b|withings|body\s?\+|renpho|eufy|garmin index/.test(text))
    return 'third_party_scale';
  return 'third_party_wearable';
}
