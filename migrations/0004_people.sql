-- People and bodies (DOMAIN.md §1-2): enforcement bodies' qualification and its yearly
-- confirmation, officers, their certificates and every certificate transition.

-- An enforcement body is an org of kind 'body'; this row holds what makes it one.
CREATE TABLE enforcement_bodies (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  body_kind TEXT NOT NULL,            -- organ 行政机关 | authorised 法律法规授权组织 | entrusted 受委托组织
  legal_basis TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '',    -- comma-separated field keys (domain/fields.hpp)
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);

-- 主体资格确认: the supervising justice bureau confirms a body for a year.
CREATE TABLE body_confirmations (
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  year INTEGER NOT NULL,
  confirmed_at BIGINT NOT NULL,
  confirmed_by BIGINT,
  PRIMARY KEY (org_id, year)
);

CREATE TABLE officers (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),   -- the body the officer works for
  name TEXT NOT NULL,
  id_number_enc TEXT NOT NULL,                  -- FieldCipher
  id_number_index TEXT NOT NULL UNIQUE,         -- blind index: one officer per person
  id_number_masked TEXT NOT NULL,
  gender TEXT NOT NULL,                         -- male | female (from the ID number)
  post TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '',
  legal_qualified INTEGER NOT NULL DEFAULT 0,   -- national legal professional qualification
  status TEXT NOT NULL DEFAULT 'active',        -- active | left
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX officers_org ON officers(org_id);

CREATE TABLE certificates (
  id {{pk}},
  officer_id BIGINT NOT NULL REFERENCES officers(id),
  number TEXT UNIQUE,                 -- set when issued; opaque (no national format)
  state TEXT NOT NULL,
  fields TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX certificates_officer ON certificates(officer_id);

CREATE TABLE certificate_events (
  id {{pk}},
  certificate_id BIGINT NOT NULL REFERENCES certificates(id),
  event TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  by_user BIGINT
);
CREATE INDEX certificate_events_cert ON certificate_events(certificate_id);
