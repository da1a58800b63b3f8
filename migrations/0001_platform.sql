-- Platform: organisation tree, users, roles, sessions, tokens, logs, settings.
-- Times are epoch milliseconds UTC; booleans are 0/1 integers.

CREATE TABLE orgs (
  id {{pk}},
  parent_id BIGINT REFERENCES orgs(id),
  code TEXT NOT NULL UNIQUE,          -- division code for divisions, our own code for bodies
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,                 -- city | county | township | body | department
  level INTEGER NOT NULL,             -- 1 city, 2 county, 3 township (bodies take their parent's)
  path TEXT NOT NULL,                 -- "/1/2/15/": ids from the root, for subtree scope checks
  sort INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE roles (
  id {{pk}},
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  data_scope TEXT NOT NULL,           -- all | custom | org | org_and_below | self
  builtin INTEGER NOT NULL DEFAULT 0,
  remark TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE role_permissions (
  role_id BIGINT NOT NULL REFERENCES roles(id),
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE role_orgs (
  role_id BIGINT NOT NULL REFERENCES roles(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (role_id, org_id)
);

CREATE TABLE users (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  password_hash TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',   -- active | disabled
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_login_at BIGINT,
  password_changed_at BIGINT,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role_id BIGINT NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, role_id)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,                -- SM3 of the cookie value; the value itself is never stored
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  expires_at BIGINT,
  revoked_at BIGINT
);

CREATE TABLE login_logs (
  id {{pk}},
  username TEXT NOT NULL,
  user_id BIGINT,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,               -- ok | bad_password | locked | disabled | unknown_user
  message TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX login_logs_at ON login_logs(at);

CREATE TABLE operation_logs (
  id {{pk}},
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  org_id BIGINT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  action TEXT NOT NULL,
  status INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX operation_logs_at ON operation_logs(at);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
