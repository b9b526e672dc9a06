import { z } from 'zod';

export const DEVICE_KINDS = [
  'apple_watch',
  'iphone',
  'ipad',
  'third_party_wearable',
  'third_party_scale',
  'manual_entry',
] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** The seed's default priority per kind: higher wins where devices overlap. */
export const DEVICE_KIND_PRIORITY: Readonly<Record<DeviceKind, number>> = {
  apple_watch: 100,
  iphone: 80,
  ipad: 70,
  third_party_wearable: 50,
  third_party_scale: 40,
  manual_entry: 10,
};

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: deviceKindSchema,
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

export const createDeviceSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: deviceKindSchema,
});
export type CreateDevice = z.infer<typeof createDeviceSchema>;

/** The bearer token is shown once, here, and stored only as a hash. */
export const createDeviceResponseSchema = deviceSchema.extend({ token: z.string() });
export type CreateDeviceResponse = z.infer<typeof createDeviceResponseSchema>;

export const devicesResponseSchema = z.object({ devices: z.array(deviceSchema) });

export const deviceDocSchema = deviceSchema.extend({
  updatedAt: z.string(),
  _deleted: z.boolean(),
});
export type DeviceDoc = z.infer<typeof deviceDocSchema>;

/**
 * The fields of a device document a client owns: the only ones compared when a push may
 * conflict. `kind` is the client's at creation and fixed afterwards (sync-server/SPEC.md R10),
 * so comparing it never conflicts a legitimate write.
 */
export const DEVICE_CLIENT_FIELDS = [
  'name',
  'kind',
  '_deleted',
] as const satisfies readonly (keyof DeviceDoc)[];
