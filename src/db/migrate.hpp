// Numbered, forward-only schema migrations. Files are `migrations/NNNN_name.sql`, compiled into the
// binary; one file serves both dialects, with tokens the runner replaces per backend:
//   {{pk}}   an auto-increment 64-bit primary key column type
//   {{blob}} a byte-string column type
// A file `NNNN_name.sqlite.sql` or `NNNN_name.postgres.sql` is used only on that backend.
// All pending migrations are applied in one transaction under a lock (SQLite's writer lock,
// PostgreSQL's advisory lock), so several instances starting at once apply each exactly once.
#pragma once

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

MigrationReport migrate(Db& db, bool dry_run);

}  // namespace zhifa::db
