#include "modules/common/scope_sql.hpp"

namespace zhifa::modules {

SqlCondition org_scope(const domain::Scope& scope, const std::string& a, const std::string& owner) {
  if (scope.all) return {"1=1", {}};
  SqlCondition c;
  std::string parts;
  auto add = [&](const std::string& p) { parts += (parts.empty() ? "" : " OR ") + p; };
  for (const auto& path : scope.subtree_paths) {
    // A prefix test without LIKE: SQLite re-prepares a statement on every run when a bound
    // parameter is the right side of LIKE, which made every scoped read compile its SQL again.
    add("substr(" + a + ".path, 1, ?) = ?");
    c.params.emplace_back(static_cast<std::int64_t>(path.size()));
    c.params.emplace_back(path);
  }
  for (auto id : scope.org_ids) {
    add(a + ".id = ?");
    c.params.emplace_back(id);
  }
  if (!owner.empty()) {
    add(owner + " = ?");
    c.params.emplace_back(scope.user_id);
  }
  c.sql = parts.empty() ? "1=0" : "(" + parts + ")";
  return c;
}

std::string sql_contains(db::Tx& tx, const std::string& column) {
  return (tx.dialect() == db::Dialect::kSqlite ? "instr(" : "strpos(") + column + ", ?) > 0";
}

std::string like_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace zhifa::modules
