-- Publication of decisions (公示, DOMAIN.md §5.1) and the annual enforcement data.
-- A case may be flagged never to be published (a minor, a state secret, privacy).
ALTER TABLE cases ADD COLUMN disclosure_exempt TEXT;   -- minor | secret | privacy
ALTER TABLE cases ADD COLUMN disclosure_note TEXT;

-- One row per decision to publish: queued when the decision is made, then published (the masked
-- public copy, its SM3 in the ledger), exempt (never published), withdrawn (the decision changed,
-- was revoked or found void; the notice stays online) or expired (taken down at the end of the
-- online period).
CREATE TABLE publications (
  id {{pk}},
  case_id BIGINT UNIQUE REFERENCES cases(id),   -- NULL: a decision entered by hand (licence, other)
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL,                           -- penalty | licence | other
  state TEXT NOT NULL,                          -- queued | published | exempt | withdrawn | expired
  decision_no TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  due_on TEXT NOT NULL,                         -- last day to publish (working days)
  party_type TEXT NOT NULL,                     -- person | organisation
  field TEXT NOT NULL,
  source TEXT NOT NULL,                         -- JSON: the decision as made and the names to mask
  exempt_reason TEXT,
  exempt_note TEXT,
  title TEXT,                                   -- from here: the public copy, at publication
  public_text TEXT,                             -- canonical JSON of the masked copy
  public_sm3 TEXT,
  search_terms TEXT,                            -- domain/search_terms
  search_plain TEXT,
  published_on TEXT,
  published_at BIGINT,
  published_by BIGINT,
  publish_seq BIGINT,                           -- the ledger event holding public_sm3
  on_time INTEGER,
  auto_published INTEGER NOT NULL DEFAULT 0,
  expires_on TEXT,
  withdraw_kind TEXT,                           -- changed | revoked | void
  withdraw_reason TEXT,
  changed_on TEXT,
  withdraw_due TEXT,
  withdrawn_on TEXT,
  withdraw_seq BIGINT,
  taken_down_at BIGINT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX publications_state_id ON publications(state, id);
CREATE INDEX publications_state_due ON publications(state, due_on);
CREATE INDEX publications_org_state ON publications(org_id, state);
CREATE INDEX publications_expires ON publications(state, expires_on);
CREATE INDEX publications_decided ON publications(decided_on);

-- The annual enforcement data (年度行政执法数据) of a year: generated from the data, reviewed,
-- published by 31 January of the next year.
CREATE TABLE annual_reports (
  year INTEGER PRIMARY KEY,
  state TEXT NOT NULL,                          -- draft | reviewed | published
  data TEXT NOT NULL,                           -- JSON: per body the counts and fine totals
  data_sm3 TEXT NOT NULL,
  generated_at BIGINT NOT NULL,
  generated_by BIGINT,
  reviewed_at BIGINT,
  reviewed_by BIGINT,
  published_on TEXT,
  published_at BIGINT,
  publish_seq BIGINT
);
