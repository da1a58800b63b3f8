-- Full-process records (全过程记录, DOMAIN.md §5.2): on-site records, evidence files with their chain
-- of custody, exceptions to the audio-video rule, and the official documents (执法文书) made from
-- versioned templates. Files live outside the database, stored under their SM3 hash
-- (modules/evidence/file_store); rows name them by hash. Nothing here is updated in place except an
-- upload's progress: records, evidence, custody entries and documents are only ever added.

CREATE TABLE case_records (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,             -- domain::record_kinds(): inquiry | inspection | seizure | ...
  variant TEXT NOT NULL,          -- questioning_room, the service method, or ''
  title TEXT NOT NULL,
  case_state TEXT NOT NULL,       -- the state of the case when it was made
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  place TEXT NOT NULL,
  officers TEXT NOT NULL,         -- JSON [{id, name, cert_no}] present
  content TEXT NOT NULL,          -- JSON, SM4-encrypted (persons' ID numbers, phones, addresses)
  av_required INTEGER NOT NULL,
  supersedes BIGINT REFERENCES case_records(id),  -- a correction names the record it corrects
  ledger_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX case_records_case ON case_records(case_id, id);

-- An upload in progress (resumable): the bytes so far are in uploads/<id>.part; the row goes when
-- the file is stored as evidence, cancelled, refused or expired.
CREATE TABLE evidence_uploads (
  id TEXT PRIMARY KEY,            -- random, 32 hex
  case_id BIGINT NOT NULL REFERENCES cases(id),
  record_id BIGINT REFERENCES case_records(id),
  derived_from BIGINT,            -- a derivative (e.g. a redacted copy) of this evidence
  file_name TEXT NOT NULL,
  size BIGINT NOT NULL,           -- the declared size
  meta TEXT NOT NULL,             -- JSON domain::EvidenceMeta + derivation
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX evidence_uploads_expiry ON evidence_uploads(expires_at);

CREATE TABLE evidence (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  record_id BIGINT REFERENCES case_records(id),
  derived_from BIGINT REFERENCES evidence(id),
  derivation TEXT NOT NULL,       -- what was done to the original ('' for an original)
  kind TEXT NOT NULL,             -- photo | audio | video | document
  mime TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size BIGINT NOT NULL,
  sm3 TEXT NOT NULL,              -- hex; the file is stored under it
  sha256 TEXT NOT NULL,
  title TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  place TEXT NOT NULL,
  device TEXT NOT NULL,           -- e.g. the body camera number
  collector TEXT NOT NULL,
  ledger_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX evidence_case ON evidence(case_id, id);
CREATE INDEX evidence_record ON evidence(record_id);
CREATE INDEX evidence_hash ON evidence(sm3);

-- Chain of custody: every collection, view, download, share and derivative, each in the ledger.
CREATE TABLE evidence_custody (
  id {{pk}},
  evidence_id BIGINT NOT NULL REFERENCES evidence(id),
  action TEXT NOT NULL,           -- collect | view | download | share | shared_download | derive
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  org_id BIGINT,
  detail TEXT NOT NULL,           -- JSON
  ledger_seq BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX evidence_custody_item ON evidence_custody(evidence_id, id);

-- A share: a link for another agency (the police, a court) that expires.
CREATE TABLE evidence_shares (
  token_hash TEXT PRIMARY KEY,    -- SM3 of the token; the token itself is shown once
  evidence_id BIGINT NOT NULL REFERENCES evidence(id),
  recipient TEXT NOT NULL,
  purpose TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL
);

-- A supervisor's exception to the audio-video rule for one record, with the reason.
CREATE TABLE av_exceptions (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  record_id BIGINT NOT NULL REFERENCES case_records(id) UNIQUE,
  reason TEXT NOT NULL,
  ledger_seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  by_user BIGINT NOT NULL
);

-- Document templates: each save is a new version; documents name the version they were made from.
CREATE TABLE doc_templates (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,             -- JSON domain::DocTemplate
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  PRIMARY KEY (code, version)
);

CREATE TABLE case_documents (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  record_id BIGINT REFERENCES case_records(id),
  template_code TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  name TEXT NOT NULL,
  number TEXT NOT NULL,
  size BIGINT NOT NULL,
  sm3 TEXT NOT NULL,              -- the PDF, stored under it
  sha256 TEXT NOT NULL,
  ledger_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX case_documents_case ON case_documents(case_id, id);
