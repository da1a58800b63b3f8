// Numbered, forward-only schema migrations. Files are `migrations/NNNN_name.sql`, compiled into the
// binary; one file serves both dialects, with tokens the runner replaces per backend:
//   {{pk}}   an auto-increment 64-bit primary key column type
//   {{blob}} a byte-string column type
// A file `NNNN_name.sqlite.sql` or `NNNN_name.postgres.sql` is used only on that backend.
// All pending migrations are applied in one transaction under a lock (SQLite's writer lock,
// PostgreSQL's advisory lock), so several instances starting at once apply each exactly once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "db/db.hpp"

namespace zhifa::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // already adapted to the dialect
};

// The migrations compiled into the binary for this dialect, in order.
std::vector<Migration> bundled_migrations(Dialect dialect);

// Adapts a migration's text to a dialect (replaces the tokens above).
std::string adapt_sql(std::string sql, Dialect dialect);

struct MigrationReport {
  int from_version = 0;
  std::vector<Migration> pending;  // applied, or (dry run) to be applied
};

// Steps written in code that a migration needs (e.g. recomputing stored search terms with a new
// rule): run right after that version's SQL, in the same transaction. The layers above supply
// them (the database layer knows no domain rules).
using CodeSteps = std::map<int, std::function<void(Tx&)>>;

MigrationReport migrate(Db& db, bool dry_run, const CodeSteps& steps = {});

}  // namespace zhifa::db
