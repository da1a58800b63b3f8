-- What may be enforced and how hard (DOMAIN.md §3): the catalogue of enforcement matters with its
-- versions and citations, the township lists' adoptions, discretion benchmarks with their versions,
-- and the lenient-treatment lists.

-- 施行日期 of a law or regulation: a matter may not take effect before the law it cites.
ALTER TABLE laws ADD COLUMN effective_date TEXT NOT NULL DEFAULT '';
UPDATE laws SET effective_date = version_date WHERE effective_date = '';

-- 执法事项: the current version of each matter (the versions table keeps every earlier one).
CREATE TABLE matters (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),  -- the holder: a body, or a county for township lists
  county_id BIGINT REFERENCES orgs(id),        -- the holder's county; NULL at city level
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  matter_type TEXT NOT NULL,     -- licence | penalty | coercion | inspection | levy | confirmation | other
  field TEXT NOT NULL,
  level TEXT NOT NULL,           -- city | county | township
  list_kind TEXT,                -- township lists: statutory | delegated
  township_kind TEXT,            -- statutory: town | street; delegated: all
  basis TEXT NOT NULL,           -- JSON [{article_id, clause, citation}]
  effective_from TEXT NOT NULL,
  effective_until TEXT,
  status TEXT NOT NULL DEFAULT 'active',  -- active | repealed
  sample INTEGER NOT NULL DEFAULT 0,      -- 示例: not from a published list
  search TEXT NOT NULL,          -- code, name and cited law titles, for the search box
  version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  UNIQUE (org_id, code)
);
CREATE INDEX matters_field ON matters(field, org_id);
CREATE INDEX matters_list ON matters(org_id, list_kind);
CREATE INDEX matters_county ON matters(county_id);
-- The public search reads this index only (the rows carry the flowchart and guide texts): the
-- public filters, the order (holder, code) and the search text.
CREATE INDEX matters_public ON matters(status, org_id, code, effective_from, effective_until,
  list_kind, county_id, field, matter_type, level, search);

-- The long texts of a matter, apart so that lists and searches read narrow rows.
CREATE TABLE matter_texts (
  matter_id BIGINT PRIMARY KEY REFERENCES matters(id),
  flow TEXT NOT NULL,            -- JSON [{name, description, time_limit}]
  guide TEXT NOT NULL            -- JSON {conditions, materials, ...}
);

CREATE TABLE matter_versions (
  id {{pk}},
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,            -- JSON snapshot of the matter at this version
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  UNIQUE (matter_id, version)
);

-- The articles each matter's current version cites (for "which matters rest on this article").
CREATE TABLE matter_articles (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  article_id BIGINT NOT NULL REFERENCES law_articles(id),
  PRIMARY KEY (matter_id, article_id)
);
CREATE INDEX matter_articles_article ON matter_articles(article_id);

-- A county's decision adopting a township list (statutory or delegated); the latest applies.
CREATE TABLE township_list_adoptions (
  id {{pk}},
  county_id BIGINT NOT NULL REFERENCES orgs(id),
  list_kind TEXT NOT NULL,       -- statutory | delegated
  decision_no TEXT NOT NULL,     -- 决定文号
  decided_on TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX township_list_adoptions_county ON township_list_adoptions(county_id, list_kind);

-- 裁量基准: one violation with its levels (JSON) as of the current version.
CREATE TABLE benchmarks (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),   -- the publishing body
  field TEXT NOT NULL,
  violation TEXT NOT NULL,
  violated_article_id BIGINT NOT NULL REFERENCES law_articles(id),
  violated_clause TEXT NOT NULL,
  penalty_article_id BIGINT NOT NULL REFERENCES law_articles(id),
  penalty_clause TEXT NOT NULL,
  fine_basis TEXT NOT NULL,      -- fixed | gains | value
  statutory_min BIGINT NOT NULL, -- fen, or thousandths of the base
  statutory_max BIGINT NOT NULL,
  levels TEXT NOT NULL,          -- JSON [{key, label, criteria, min, max, other, minor}]
  sample INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX benchmarks_field ON benchmarks(field);

CREATE TABLE benchmark_versions (
  id {{pk}},
  benchmark_id BIGINT NOT NULL REFERENCES benchmarks(id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  UNIQUE (benchmark_id, version)
);

-- 包容审慎清单 entries.
CREATE TABLE lenient_entries (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,            -- no_penalty | lighter | mitigated | no_coercion
  benchmark_id BIGINT NOT NULL REFERENCES benchmarks(id),
  conditions TEXT NOT NULL,
  first_violation_only INTEGER NOT NULL,
  max_harm TEXT NOT NULL,        -- none | minor
  corrected_within_days INTEGER, -- NULL: correction not required
  basis TEXT NOT NULL,
  needs_confirmation INTEGER NOT NULL DEFAULT 1,  -- other conditions the officer must confirm
  sample INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',  -- active | withdrawn
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX lenient_entries_benchmark ON lenient_entries(benchmark_id, status);
