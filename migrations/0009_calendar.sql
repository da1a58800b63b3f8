-- The working-day calendar beyond the copy compiled into the binary (DOMAIN.md §4): each year staff
-- add from the State Council's notice (国务院办公厅关于某年部分节假日安排的通知) when it is
-- published, so deadlines running into that year can be counted. The compiled years stay as they are;
-- a year is added once and never edited (a correction would change deadlines already set).
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  off_days TEXT NOT NULL,      -- JSON array of dates: holidays, weekend ones included
  work_days TEXT NOT NULL,     -- JSON array of dates: weekend days worked (调休上班)
  source TEXT NOT NULL,        -- the notice, e.g. 国办发明电〔2024〕12号
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
