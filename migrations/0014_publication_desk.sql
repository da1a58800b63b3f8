-- The publisher's desk searches the decision number, the party and the facts as plain text (not
-- the stored JSON of the source, whose field names would match every row).
ALTER TABLE publications ADD COLUMN desk_text TEXT;
