-- The series key leads with (user, type, hour) instead of (user, device, type, hour), so that one
-- index serves both the key lookups (folds, pushes: every column equal) and the range scans of a
-- type's hours (the rollup worker, computed hours), and the separate series_type_hour index,
-- ~50 bytes a series row (5 bytes a sample of a user-year), goes. Removing a device cascades
-- through the user's rows of this key; the export pages in this order too.
ALTER TABLE series DROP CONSTRAINT series_pkey;
ALTER TABLE series ADD PRIMARY KEY (user_id, type, hour_start, device_id);
DROP INDEX series_type_hour;
