-- The legal basis library (法律法规库, DOMAIN.md §3): laws and regulations with their articles.
-- Catalogue matters, discretion benchmarks and decisions cite articles from here, not free text.
CREATE TABLE laws (
  id {{pk}},
  title TEXT NOT NULL,
  short_title TEXT NOT NULL,
  level TEXT NOT NULL,          -- law 法律 | regulation 行政法规 | local 地方性法规 | rule 规章
  issuer TEXT NOT NULL,
  version_date TEXT NOT NULL,   -- adoption or latest amendment
  field TEXT NOT NULL,          -- general | an enforcement field key
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  UNIQUE (title, version_date)
);

CREATE TABLE law_articles (
  id {{pk}},
  law_id BIGINT NOT NULL REFERENCES laws(id),
  number INTEGER NOT NULL,
  label TEXT NOT NULL,          -- 第一百一十八条
  chapter TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (law_id, number)
);
