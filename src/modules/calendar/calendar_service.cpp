#include "modules/calendar/calendar_service.hpp"

#include "modules/common/audit.hpp"
#include "modules/common/calendar.hpp"

namespace zhifa::modules::calendar {

using nlohmann::json;

namespace {

json year_json(const domain::WorkdayCalendar::Year& y) {
  return {{"year", y.year}, {"off", y.off}, {"work", y.work}};
}

}  // namespace

nlohmann::json CalendarService::list() {
  auto tx = env_.db->read();
  auto cal = working_calendar(*tx);
  json added = json::object();
  for (auto r :
       tx->query("SELECT c.year, c.source, c.created_at, COALESCE(u.display_name, '') FROM "
                 "calendar_years c LEFT JOIN users u ON u.id = c.created_by ORDER BY c.year",
                 {})) {
    added[std::to_string(r.i64(0))] = {
        {"source", r.str(1)}, {"added_at", r.i64(2)}, {"added_by", r.str(3)}};
  }
  json years = json::array();
  for (int y : cal->years()) {
    json j = year_json(cal->year(y));
    bool builtin = official_calendar().years().count(y) > 0;
    j["builtin"] = builtin;
    if (!builtin && added.contains(std::to_string(y))) {
      j.update(added[std::to_string(y)]);
    } else {
      j["source"] = "国务院办公厅通知(随系统发布的官方日历)";
      j["added_at"] = nullptr;
      j["added_by"] = nullptr;
    }
    years.push_back(std::move(j));
  }
  return {{"years", years}, {"covered", cal->years()}};
}

Result<nlohmann::json> CalendarService::add(const domain::Scope& scope, const YearInput& in) {
  std::int64_t now = env_.now();
  domain::WorkdayCalendar::Year y{in.year, in.off, in.work};
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto cal = working_calendar(tx);
    if (auto ok = cal->check_year(y); !ok) return ok;
    tx.exec(
        "INSERT INTO calendar_years (year, off_days, work_days, source, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {static_cast<std::int64_t>(in.year), json(in.off).dump(), json(in.work).dump(), in.source,
         now, scope.user_id});
    record(tx, &scope, now, std::nullopt, "calendar", std::to_string(in.year),
           "calendar.year_added",
           {{"year", in.year}, {"off", in.off}, {"work", in.work}, {"source", in.source}});
    return Ok{};
  });
  if (!r) return r.error();
  auto all = list();
  for (const auto& j : all["years"]) {
    if (j["year"] == in.year) return j;
  }
  return Error::internal("the added year is missing");
}

}  // namespace zhifa::modules::calendar
