-- The person's rights over their data (SPECIFICATION.md §14).
-- * Per series, the sealed (start, end) of every sample the person deleted from it, so a device
--   re-sending that sample does not bring it back (series/removed-samples.ts). NULL: none.
-- * The person's display name, shown to whoever opens their share links; sealed under their key.
ALTER TABLE series ADD COLUMN removed bytea;
ALTER TABLE users ADD COLUMN display_name_sealed bytea;
