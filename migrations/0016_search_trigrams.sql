-- The search terms of a decision gain its character triples (domain/search_terms): a word of three
-- or more characters is then found through its rarest triples instead of walking every decision
-- that holds its commonest pair. The terms of the published decisions are recomputed from their
-- public text, and the index rebuilt, by the code step of this version
-- (publication::reindex_published, in the same transaction).
SELECT 1;
