// SQL for the login log and the operation log (等保: both searchable). Reads take the Scope: a
// caller sees entries of users in their orgs; attempts on unknown usernames only with "all" scope.
#pragma once

#include <optional>
#include <string>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::logs {

struct LogFilter {
  std::optional<std::string> username;  // contains
  std::optional<std::string> result;    // login: result; operations: action contains
  std::optional<std::int64_t> from_ms;
  std::optional<std::int64_t> to_ms;
};

db::Rows login_logs(db::Tx& tx, const domain::Scope& scope, const LogFilter& f, std::int64_t limit,
                    std::int64_t offset, std::int64_t& total);
db::Rows operation_logs(db::Tx& tx, const domain::Scope& scope, const LogFilter& f,
                        std::int64_t limit, std::int64_t offset, std::int64_t& total);

}  // namespace zhifa::modules::logs
