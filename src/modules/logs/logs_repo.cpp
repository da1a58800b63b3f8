#include "modules/logs/logs_repo.hpp"

#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"

namespace zhifa::modules::logs {
namespace {

void add_filters(const LogFilter& f, const std::string& result_sql, std::string& where,
                 db::Params& params) {
  if (f.username && !f.username->empty()) {
    where += " AND l.username LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + like_escape(*f.username) + "%");
  }
  if (f.result && !f.result->empty()) {
    where += " AND " + result_sql;
    params.emplace_back(*f.result);
  }
  if (f.from_ms) {
    where += " AND l.at >= ?";
    params.emplace_back(*f.from_ms);
  }
  if (f.to_ms) {
    where += " AND l.at < ?";
    params.emplace_back(*f.to_ms);
  }
}

db::Rows page(db::Tx& tx, const std::string& select, const std::string& from,
              const std::string& where, const db::Params& params, std::int64_t limit,
              std::int64_t offset, std::int64_t& total) {
  return fetch_page(tx, select, from + where, " ORDER BY l.id DESC", params, limit, offset, total);
}

}  // namespace

db::Rows login_logs(db::Tx& tx, const domain::Scope& scope, const LogFilter& f, std::int64_t limit,
                    std::int64_t offset, std::int64_t& total) {
  auto cond = org_scope(scope, "o", "l.user_id");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  add_filters(f, "l.result = ?", where, params);
  return page(tx, "SELECT l.id, l.username, l.ip, l.user_agent, l.result, l.message, l.at",
              " FROM login_logs l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN orgs o ON o.id = "
              "u.org_id",
              where, params, limit, offset, total);
}

db::Rows operation_logs(db::Tx& tx, const domain::Scope& scope, const LogFilter& f,
                        std::int64_t limit, std::int64_t offset, std::int64_t& total) {
  auto cond = org_scope(scope, "o", "l.user_id");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  LogFilter g = f;
  if (g.result) g.result = "%" + like_escape(*g.result) + "%";
  add_filters(g, "l.action LIKE ? ESCAPE '\\'", where, params);
  return page(tx,
              "SELECT l.id, l.username, l.method, l.path, l.action, l.status, l.duration_ms, "
              "l.request_id, l.at",
              " FROM operation_logs l LEFT JOIN orgs o ON o.id = l.org_id", where, params, limit,
              offset, total);
}

}  // namespace zhifa::modules::logs
