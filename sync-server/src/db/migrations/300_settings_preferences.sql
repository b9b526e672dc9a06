-- How the person likes to see their data (display units, 12/24 h, dashboard cards), replicated
-- with the settings document and sealed under the user's key like goals. NULL: the defaults.
ALTER TABLE settings ADD COLUMN preferences_sealed bytea;
