import { DISPLAY_NAME_MAX_LENGTH, profileSchema, type Profile } from '@hearth/schema';
import { useEffect, useState, type FormEvent } from 'react';
import { accountErrorMessage, fetchProfile, saveProfile } from '../../api/account.js';
import type { ProfileCache } from '../../api/profileCache.js';
import { useAction } from '../../components/useAction.js';

type Props = {
  load?: (signal: AbortSignal) => Promise<Profile>;
  submit?: (profile: Profile) => Promise<Profile>;
  /** The last known profile on this device, shown when the server cannot be asked. */
  cache?: ProfileCache | null;
};

/**
 * The display name a share link's viewer shows ("Shared by …", SPECIFICATION.md §14). Kept on the
 * server, sealed, so changing it needs a connection like the rest of the account; offline the
 * form shows the name last read or saved on this device (`cache`) and says a change must wait.
 */
export function ProfileForm({ load = fetchProfile, submit = saveProfile, cache = null }: Props) {
  // Read once: a later failed load keeps showing it, a successful one replaces it.
  const [remembered] = useState(() => cache?.read() ?? null);
  const [name, setName] = useState(remembered?.displayName ?? '');
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Said quietly: opening Settings offline is no error of the person's.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (profile) => {
        setName(profile.displayName);
        cache?.write(profile);
        setLoaded(true);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(
          remembered
            ? `This is the name this device last read from the server; it could not be read again. ${accountErrorMessage(err)}`
            : `Your display name could not be read. ${accountErrorMessage(err)}`,
        );
        setLoaded(true);
      },
    );
    return () => controller.abort();
  }, [load, cache, remembered]);

  const save = useAction(async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const parsed = profileSchema.safeParse({ displayName: name });
    if (!parsed.success) {
      return setError(
        name.length > DISPLAY_NAME_MAX_LENGTH
          ? `The name can be at most ${DISPLAY_NAME_MAX_LENGTH} characters.`
          : 'The name cannot contain line breaks or tabs.',
      );
    }
    setError(null);
    const profile = await submit(parsed.data);
    cache?.write(profile);
    setName(profile.displayName);
    setSaved(
      profile.displayName
        ? `Saved. Your share links now say “Shared by ${profile.displayName}”.`
        : 'Saved. Your share links no longer show a name.',
    );
  }, accountErrorMessage);
  // A name the form refuses, or the server's refusal of the one it sent.
  const shownError = error ?? save.error;

  return (
    <form className="form" onSubmit={save.run} noValidate aria-labelledby="profile-title">
      <h3 id="profile-title">Profile</h3>
      <label htmlFor="profile-name">Display name</label>
      <input
        id="profile-name"
        autoComplete="name"
        aria-describedby="profile-name-hint"
        value={name}
        disabled={!loaded}
        onChange={(e) => setName(e.target.value)}
      />
      <p id="profile-name-hint" className="hint">
        Shown to whoever opens your share links, so a doctor knows whose figures they read. Leave it
        empty to show none.
      </p>
      {loadError && <p className="hint">{loadError}</p>}
      {shownError && (
        <p role="alert" className="error-text">
          {shownError}
        </p>
      )}
      <button type="submit" className="primary" disabled={save.busy || !loaded}>
        Save name
      </button>
      <p role="status">{saved}</p>
    </form>
  );
}
