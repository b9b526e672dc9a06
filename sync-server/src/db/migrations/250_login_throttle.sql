-- Failed sign-ins per account, on top of the per-client limit on the credential routes
-- (security/login-throttle.ts). Keyed by the SHA-256 of the lower-cased email, whether or not an
-- account has that address, so the throttle answers alike for both and tells no one which
-- addresses exist. In the database so that every API instance enforces one budget.
CREATE TABLE login_throttle (
  account_key     bytea PRIMARY KEY,
  -- Attempts since the last success (each taken before the password is checked).
  failures        integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  -- No attempt is checked before this time; NULL while the free attempts last.
  blocked_until   timestamptz
);
CREATE INDEX login_throttle_age ON login_throttle (last_failure_at);
