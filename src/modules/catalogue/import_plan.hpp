// The catalogue's spreadsheet imports share one shape: every row is checked and compared with what
// is stored (a plan), the plan is shown as a preview (dry run), and applying it plans again inside
// one write transaction and saves every changed row, or nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/catalogue.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/import_sheet.hpp"

namespace zhifa::modules::catalogue {

template <typename Input>
struct PlannedRow {
  int row = 0;         // the Excel row (of the first row, for a benchmark over several)
  std::string action;  // create | update | unchanged
  std::optional<std::int64_t> id;
  Input input;
  std::string name;  // what the preview calls the row
  std::vector<domain::FieldChange> changes;
};

template <typename Input>
nlohmann::json import_summary(const std::vector<PlannedRow<Input>>& plan, bool dry_run) {
  nlohmann::json changes = nlohmann::json::array();
  int created = 0, updated = 0, unchanged = 0;
  for (const auto& p : plan) {
    (p.action == "create" ? created : p.action == "update" ? updated : unchanged)++;
    nlohmann::json c = nlohmann::json::array();
    for (const auto& ch : p.changes) {
      c.push_back(
          {{"field", ch.field}, {"label", ch.label}, {"before", ch.before}, {"after", ch.after}});
    }
    changes.push_back({{"row", p.row},
                       {"code", p.input.code},
                       {"name", p.name},
                       {"action", p.action},
                       {"changes", c}});
  }
  return {{"dry_run", dry_run}, {"rows", plan.size()},    {"create", created},
          {"update", updated},  {"unchanged", unchanged}, {"changes", changes}};
}

// plan(tx) -> Result<std::vector<PlannedRow<Input>>>; save(tx, now, row) -> Result<id>.
template <typename Input, typename PlanFn, typename SaveFn>
Result<nlohmann::json> run_import(app::Env& env, const domain::Scope& scope, bool dry_run,
                                  PlanFn plan, SaveFn save, const std::string& entity,
                                  const std::string& action) {
  if (dry_run) {
    auto tx = env.db->read();
    auto p = plan(*tx);
    if (!p) return p.error();
    return import_summary<Input>(*p, true);
  }
  nlohmann::json out;
  std::int64_t now = env.now();
  auto r = db::with_write(*env.db, [&](db::Tx& tx) -> Status {
    auto p = plan(tx);
    if (!p) return p.error();
    for (const auto& row : *p) {
      if (row.action == "unchanged") continue;
      auto saved = save(tx, now, row);
      if (!saved) {
        RowErrors errors;
        errors.add(row.row, "", saved.error().message_zh, saved.error().message_en);
        return errors.to_error();
      }
    }
    out = import_summary<Input>(*p, false);
    record(tx, &scope, now, scope.org_id, entity, "import", action,
           {{"rows", out["rows"]}, {"create", out["create"]}, {"update", out["update"]}});
    return Ok{};
  });
  if (!r) return r.error();
  return out;
}

}  // namespace zhifa::modules::catalogue
