-- Health metadata out of plaintext (security/legacy-metadata.ts seals the rows written before).
-- * Insight ids become opaque (insights/insight-id.ts) and their date lives only in the sealed
--   payload: local_date is no longer written.
-- * Goals are sealed under the user's key; `goals` stays '{}' once a row is rewritten.
-- * A share's recipient and each access's IP and user agent are sealed under the owner's key.
ALTER TABLE insights ALTER COLUMN local_date DROP NOT NULL;
ALTER TABLE settings ADD COLUMN goals_sealed bytea;
ALTER TABLE share_links ADD COLUMN recipient_sealed bytea;
ALTER TABLE share_link_accesses ADD COLUMN client_sealed bytea;
