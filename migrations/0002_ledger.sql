-- Ledger (全过程记录): the append-only event log, its Merkle tree state and signed checkpoints.
-- Written by src/ledger/ledger.cpp only; see src/ledger/ledger.hpp for what each column holds and
-- how an outside tool recomputes the hashes. Hashes, roots and signatures are lower-case hex.

CREATE TABLE ledger_events (
  seq BIGINT PRIMARY KEY,             -- 1, 2, 3, ... without gaps; the leaf index is seq - 1
  at BIGINT NOT NULL,                 -- epoch ms UTC
  actor_id BIGINT,                    -- users.id; NULL for the system
  actor_name TEXT NOT NULL,
  org_id BIGINT,
  entity TEXT NOT NULL,               -- e.g. "case", "evidence", "user"
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,               -- e.g. "case.filed"
  payload TEXT NOT NULL,              -- canonical JSON (sorted keys, no spaces)
  payload_digest TEXT NOT NULL,       -- SM3 of payload
  leaf_hash TEXT NOT NULL,            -- SM3(0x00 || canonical event bytes)
  root TEXT NOT NULL                  -- tree root over events 1..seq
);
CREATE INDEX ledger_events_entity ON ledger_events(entity, entity_id);

-- One row: the tree's size and its compact range (roots of the perfect subtrees), so appending
-- does not read the whole log.
CREATE TABLE ledger_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size BIGINT NOT NULL,
  frontier TEXT NOT NULL
);

-- Signed tree heads: SM2 signature over "zhifa-ledger\n<size>\n<root hex>\n<at>\n".
CREATE TABLE ledger_checkpoints (
  size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  at BIGINT NOT NULL,
  signature TEXT NOT NULL,            -- DER, hex
  key_id TEXT NOT NULL                -- first 16 hex chars of SM3(public key PEM)
);
