-- Full-text search of the published decisions (domain/search_terms): a GIN index over the terms
-- of the published rows, read with to_tsquery('simple', ...).
CREATE INDEX publication_search ON publications USING GIN (to_tsvector('simple', search_terms))
  WHERE state = 'published';
