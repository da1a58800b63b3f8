-- The portal's result lists read one short column per decision instead of parsing the public
-- text: the list fields of the public copy as a JSON object (written at publication; filled here
-- for the rows published before). Keys in the order the code writes them (sorted).
ALTER TABLE publications ADD COLUMN list_item TEXT;
UPDATE publications SET list_item = json_build_object(
  'body', COALESCE(public_text::json ->> 'body', ''),
  'decided_on', COALESCE(public_text::json ->> 'decided_on', ''),
  'decision_no', COALESCE(public_text::json ->> 'decision_no', ''),
  'excerpt', substr(COALESCE(public_text::json ->> 'facts', ''), 1, 80),
  'field_label', COALESCE(public_text::json ->> 'field_label', ''),
  'kind', COALESCE(public_text::json ->> 'kind', ''),
  'kind_label', COALESCE(public_text::json ->> 'kind_label', ''),
  'party', COALESCE(public_text::json ->> 'party', ''),
  'published_on', COALESCE(public_text::json ->> 'published_on', ''),
  'result', COALESCE(public_text::json ->> 'result', ''),
  'title', COALESCE(public_text::json ->> 'title', ''))::text
WHERE public_text IS NOT NULL;
-- A search by decision number finds the decision through this index.
CREATE INDEX publications_decision_no ON publications(decision_no);
-- The portal keeps recent search answers; every change to the decisions it can show moves this
-- counter in the same transaction, so an answer is reused only for the state it was read from.
CREATE TABLE publication_generation (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL);
INSERT INTO publication_generation (id, generation) VALUES (1, 1);
CREATE FUNCTION publication_generation_bump() RETURNS trigger AS $$
BEGIN
  UPDATE publication_generation SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER publication_generation_insert AFTER INSERT ON publications
  FOR EACH ROW WHEN (NEW.state <> 'queued') EXECUTE FUNCTION publication_generation_bump();
CREATE TRIGGER publication_generation_update AFTER UPDATE ON publications
  FOR EACH ROW WHEN (OLD.state = 'published' OR NEW.state = 'published')
  EXECUTE FUNCTION publication_generation_bump();
CREATE TRIGGER publication_generation_delete AFTER DELETE ON publications
  FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION publication_generation_bump();
