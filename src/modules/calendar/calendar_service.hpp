// The working-day calendar as staff see and extend it (工作日历): the years it covers, each with
// its holidays, worked weekend days and the notice they come from; a new year added from the State
// Council's notice once it is published (checked by domain::WorkdayCalendar::check_year, stored in
// calendar_years, recorded in the ledger). Deadlines are counted on modules::working_calendar.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::calendar {

struct YearInput {
  int year = 0;
  std::set<std::string> off, work;
  std::string source;
};

class CalendarService {
 public:
  explicit CalendarService(app::Env& env) : env_(env) {}

  // {years: [{year, builtin, source, off, work, added_at, added_by}], covered: [years]}
  nlohmann::json list();
  Result<nlohmann::json> add(const domain::Scope& scope, const YearInput& in);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::calendar
