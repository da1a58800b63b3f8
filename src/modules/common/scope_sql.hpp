// Turns a caller's Scope into a SQL condition. Every repository read of protected data builds its
// WHERE clause with one of these, so no query of protected rows exists without a scope.
#pragma once

#include <string>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules {

struct SqlCondition {
  std::string sql;  // e.g. "(o.path LIKE ? OR o.id IN (?))"
  db::Params params;
};

// Rows tied to an org: `org_alias` is the alias of the joined orgs row (with columns id, path).
// When the scope is "self", `owner_column` (e.g. "u.id" or "x.created_by") must equal the caller;
// pass an empty owner_column where rows have no owner (then self sees none).
SqlCondition org_scope(const domain::Scope& scope, const std::string& org_alias,
                       const std::string& owner_column);

// Escapes % and _ for a LIKE pattern (with ESCAPE '\').
std::string like_escape(const std::string& s);

// "column contains the next ? parameter" without LIKE (SQLite re-prepares a statement on every run
// when a LIKE pattern is a bound parameter): instr() on SQLite, strpos() on PostgreSQL.
std::string sql_contains(db::Tx& tx, const std::string& column);

}  // namespace zhifa::modules
