import { profileResponseSchema, type Profile } from '@hearth/schema';

/** The last profile the server gave or took, kept on this device for when it cannot be asked. */
export type ProfileCache = {
  read(): Profile | null;
  write(profile: Profile): void;
};

/**
 * One account's last known profile in this browser's storage, under the account's own prefix:
 * signing out wipes it with the replica's other notes (app/replicaContext.tsx), so the next person
 * on a shared computer never sees it. Only ever a copy: the server's sealed name is the truth,
 * and every successful read or save replaces it.
 */
export function localProfileCache(userId: string, storage: Storage = localStorage): ProfileCache {
  const key = `hearth:${userId}:profile`;
  return {
    read() {
      try {
        const parsed = profileResponseSchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write(profile) {
      try {
        storage.setItem(key, JSON.stringify({ displayName: profile.displayName }));
      } catch {
        // Storage full or refused: the name is read from the server again next time.
      }
    },
  };
}
