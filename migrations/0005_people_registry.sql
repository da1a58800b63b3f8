-- People, second part (DOMAIN.md §1-2): the body registry's status and credit code, legal-review
-- staff, exam sessions and their candidates, training classes and attendance, supervisors, and
-- the counters that number certificates.

ALTER TABLE enforcement_bodies ADD COLUMN status TEXT NOT NULL DEFAULT 'active';  -- active | suspended | revoked
ALTER TABLE enforcement_bodies ADD COLUMN credit_code TEXT;                       -- 统一社会信用代码 (GB 32100)

-- 法制审核人员: may do legal review for the officer's body (APL 58: a first-time reviewer holds the
-- national legal professional qualification).
ALTER TABLE officers ADD COLUMN legal_reviewer INTEGER NOT NULL DEFAULT 0;
-- The officer's current (latest) certificate and its state, kept with every transition, so lists
-- filter officers without joining certificates row by row.
ALTER TABLE officers ADD COLUMN cert_id BIGINT;
ALTER TABLE officers ADD COLUMN cert_state TEXT;
-- Covers the list filters, so counting the matches of a filter reads this index, not the rows
-- (which carry the encrypted ID numbers).
CREATE INDEX officers_filter ON officers(cert_state, org_id, legal_reviewer, status, fields, name);
CREATE INDEX certificates_officer_state ON certificates(officer_id, state);

CREATE TABLE exam_sessions (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),  -- the organiser (a justice bureau)
  name TEXT NOT NULL,
  exam_date TEXT NOT NULL,
  year INTEGER NOT NULL,
  pass_mark INTEGER NOT NULL,                  -- tenths of a point: 600 = 60.0
  status TEXT NOT NULL DEFAULT 'open',         -- open | closed
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX exam_sessions_year ON exam_sessions(year);

CREATE TABLE exam_candidates (
  id {{pk}},
  session_id BIGINT NOT NULL REFERENCES exam_sessions(id),
  officer_id BIGINT NOT NULL REFERENCES officers(id),
  certificate_id BIGINT NOT NULL REFERENCES certificates(id),
  ticket_no TEXT NOT NULL UNIQUE,              -- 准考证号
  score INTEGER,                               -- tenths of a point; NULL until scored
  outcome TEXT NOT NULL DEFAULT 'pending',     -- pending | passed | failed
  created_at BIGINT NOT NULL,
  UNIQUE (session_id, officer_id)
);

CREATE TABLE training_classes (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  title TEXT NOT NULL,
  category TEXT NOT NULL,                      -- legal | professional | skills
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  year INTEGER NOT NULL,
  hours INTEGER NOT NULL,                      -- tenths of an hour
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX training_classes_year ON training_classes(year);

CREATE TABLE training_attendance (
  class_id BIGINT NOT NULL REFERENCES training_classes(id),
  officer_id BIGINT NOT NULL REFERENCES officers(id),
  hours INTEGER NOT NULL,                      -- tenths of an hour
  created_at BIGINT NOT NULL,
  PRIMARY KEY (class_id, officer_id)
);
CREATE INDEX training_attendance_officer ON training_attendance(officer_id);

CREATE TABLE supervisors (
  id {{pk}},
  kind TEXT NOT NULL,                          -- staff 行政执法监督人员 | social 社会监督员
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  id_number_enc TEXT NOT NULL,
  id_number_index TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  phone_enc TEXT NOT NULL DEFAULT '',
  phone_masked TEXT NOT NULL DEFAULT '',
  certificate_number TEXT UNIQUE,              -- staff: 行政执法监督证
  qualification TEXT NOT NULL DEFAULT '',
  employer TEXT NOT NULL DEFAULT '',           -- social: 工作单位
  area TEXT NOT NULL DEFAULT '',               -- social: 监督区域
  term_start TEXT,
  term_end TEXT,
  status TEXT NOT NULL DEFAULT 'active',       -- active | ended
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  UNIQUE (kind, id_number_index)
);
CREATE INDEX supervisors_org ON supervisors(org_id);

-- Sequence numbers that must not repeat (certificate numbers per prefix, exam tickets).
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

-- An officer's photo (optional): JPEG or PNG, base64 so both dialects store it as text.
CREATE TABLE officer_photos (
  officer_id BIGINT PRIMARY KEY REFERENCES officers(id),
  content_type TEXT NOT NULL,
  data TEXT NOT NULL,
  sm3 TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
