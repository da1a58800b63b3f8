-- A user's grants (roles, their permissions, custom orgs) change only together with these
-- counters, so an instance may keep grants in memory and tell from the session query alone
-- whether its copy is current: users.grants_version moves when the user's roles change,
-- auth_versions.roles_version when any role changes.
ALTER TABLE users ADD COLUMN grants_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE auth_versions (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  roles_version BIGINT NOT NULL
);
INSERT INTO auth_versions (id, roles_version) VALUES (1, 0);
