-- The portal's result lists read one short column per decision instead of parsing the public
-- text: the list fields of the public copy as a JSON object (written at publication; filled here
-- for the rows published before). Keys in the order the code writes them (sorted).
ALTER TABLE publications ADD COLUMN list_item TEXT;
UPDATE publications SET list_item = json_object(
  'body', COALESCE(json_extract(public_text, '$.body'), ''),
  'decided_on', COALESCE(json_extract(public_text, '$.decided_on'), ''),
  'decision_no', COALESCE(json_extract(public_text, '$.decision_no'), ''),
  'excerpt', substr(COALESCE(json_extract(public_text, '$.facts'), ''), 1, 80),
  'field_label', COALESCE(json_extract(public_text, '$.field_label'), ''),
  'kind', COALESCE(json_extract(public_text, '$.kind'), ''),
  'kind_label', COALESCE(json_extract(public_text, '$.kind_label'), ''),
  'party', COALESCE(json_extract(public_text, '$.party'), ''),
  'published_on', COALESCE(json_extract(public_text, '$.published_on'), ''),
  'result', COALESCE(json_extract(public_text, '$.result'), ''),
  'title', COALESCE(json_extract(public_text, '$.title'), ''))
WHERE public_text IS NOT NULL;
-- A search by decision number finds the decision through this index.
CREATE INDEX publications_decision_no ON publications(decision_no);
-- The portal keeps recent search answers; every change to the decisions it can show moves this
-- counter in the same transaction, so an answer is reused only for the state it was read from.
CREATE TABLE publication_generation (id INTEGER PRIMARY KEY, generation INTEGER NOT NULL);
INSERT INTO publication_generation (id, generation) VALUES (1, 1);
CREATE TRIGGER publication_generation_insert AFTER INSERT ON publications
  WHEN NEW.state <> 'queued'
  BEGIN UPDATE publication_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER publication_generation_update AFTER UPDATE ON publications
  WHEN OLD.state = 'published' OR NEW.state = 'published'
  BEGIN UPDATE publication_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER publication_generation_delete AFTER DELETE ON publications
  WHEN OLD.state = 'published'
  BEGIN UPDATE publication_generation SET generation = generation + 1 WHERE id = 1; END;
