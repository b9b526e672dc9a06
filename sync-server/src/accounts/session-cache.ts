import type { NotifyHub } from '../notify.js';
import type { SessionUser } from './sessions.repository.js';
import { TokenCache } from './token-cache.js';

/**
 * Resolved sessions, by the hash of their cookie. Dropped when any instance signs the session
 * out, erases its user or changes the user's settings (the zone is part of the session user).
 */
export class SessionCache extends TokenCache<SessionUser> {
  constructor(hub: NotifyHub | undefined, options: { ttlMs?: number; maxEntries?: number } = {}) {
    super(hub, (user) => user.id, options);
    if (hub) {
      this.watch([
        hub.onSessionRevoked((hashHex) => this.delete(hashHex)),
        hub.onChange((e) => {
          if (e.collections.includes('settings')) this.forgetUser(e.userId);
        }),
      ]);
    }
  }
}
