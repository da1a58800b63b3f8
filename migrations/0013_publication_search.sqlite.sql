-- Full-text search of the published decisions (domain/search_terms): an FTS5 index over the
-- terms column of publications, holding the published rows only.
CREATE VIRTUAL TABLE publication_search USING fts5(search_terms, content='publications',
  content_rowid='id', tokenize='ascii');
