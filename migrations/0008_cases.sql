-- Penalty cases (DOMAIN.md §4), first storage slice: a case from its lead (线索) to its archive, the
-- officers on it, and every step taken (each also a ledger event). The state machine and the legal
-- checks are domain/case_flow and domain/case_rules.
CREATE TABLE cases (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),      -- the body handling it
  procedure TEXT NOT NULL,                          -- general | simplified
  state TEXT NOT NULL,                              -- domain/case_flow states
  suspended_from TEXT,
  source TEXT NOT NULL,                             -- complaint | inspection | grid | transfer | referral | own
  summary TEXT NOT NULL,
  party_name TEXT NOT NULL,
  party_type TEXT NOT NULL,                         -- person | organisation
  field TEXT NOT NULL,
  matter_id BIGINT REFERENCES matters(id),
  act_date TEXT NOT NULL,
  act_end TEXT,
  discovered TEXT NOT NULL,
  grave_harm INTEGER NOT NULL DEFAULT 0,
  penalty TEXT,                                     -- JSON {kinds, fine_fen, confiscation_fen}
  noticed_penalty TEXT,                             -- the penalty of the prior notice
  review_required INTEGER NOT NULL DEFAULT 0,
  review_passed INTEGER NOT NULL DEFAULT 0,
  filed_on TEXT,
  decision_due TEXT,
  decision_no TEXT UNIQUE,                          -- 运市监罚〔2026〕12号
  decided_on TEXT,
  service_due TEXT,
  served_on TEXT,
  payment_due TEXT,
  version INTEGER NOT NULL,                         -- optimistic concurrency
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX cases_org_state ON cases(org_id, state);
CREATE INDEX cases_decision_due ON cases(state, decision_due);

CREATE TABLE case_officers (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  officer_id BIGINT NOT NULL REFERENCES officers(id),
  PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_officers_officer ON case_officers(officer_id);

CREATE TABLE case_steps (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  role TEXT NOT NULL,                               -- officer | leader | reviewer
  note TEXT NOT NULL,
  data TEXT NOT NULL,                               -- JSON: what the step recorded
  ledger_seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  by_user BIGINT
);
CREATE INDEX case_steps_case ON case_steps(case_id, id);
