// The stored settings of the case rules: the `settings` row 'case.rules' (JSON of
// domain::CaseSettings); the defaults when there is none.
#pragma once

#include "db/db.hpp"
#include "domain/case_settings.hpp"

namespace zhifa::modules::cases {

inline constexpr const char* kCaseRulesKey = "case.rules";

inline domain::CaseSettings load_case_settings(db::Tx& tx) {
  auto rows = tx.query("SELECT value FROM settings WHERE key = ?", {std::string(kCaseRulesKey)});
  if (rows.empty()) return {};
  auto parsed = domain::parse_case_settings(nlohmann::json::parse(rows[0].str(0)));
  if (!parsed) raise(parsed.error());
  return std::move(parsed).take();
}

inline void save_case_settings(db::Tx& tx, const domain::CaseSettings& s, std::int64_t now,
                               std::optional<std::int64_t> by) {
  tx.exec(
      "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT "
      "(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = "
      "excluded.updated_by",
      {std::string(kCaseRulesKey), domain::to_json(s).dump(), now, by});
}

}  // namespace zhifa::modules::cases
