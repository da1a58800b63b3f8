#include "domain/calendar.hpp"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/dates.hpp"

namespace zhifa::domain {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

sys_days to_days(std::string_view d) {
  return sys_days{year_month_day{
      std::chrono::year{std::stoi(std::string(d.substr(0, 4)))},
      std::chrono::month{static_cast<unsigned>(std::stoi(std::string(d.substr(5, 2))))},
      std::chrono::day{static_cast<unsigned>(std::stoi(std::string(d.substr(8, 2))))}}};
}

std::string to_text(sys_days d) {
  year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace

Result<WorkdayCalendar> WorkdayCalendar::from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [] {
    return Error::invalid("calendar.file", "工作日历文件格式不正确",
                          "the working-day calendar is malformed");
  };
  if (j.is_discarded() || !j.contains("years") || !j["years"].is_object()) return bad();
  WorkdayCalendar c;
  for (const auto& [year, days] : j["years"].items()) {
    c.years_.insert(std::stoi(year));
    for (const char* kind : {"off", "work"}) {
      if (!days.contains(kind) || !days[kind].is_array()) return bad();
      for (const auto& d : days[kind]) {
        if (!d.is_string() || !is_valid_date(d.get<std::string>())) return bad();
        (std::string_view(kind) == "off" ? c.off_ : c.work_).insert(d.get<std::string>());
      }
    }
  }
  return c;
}

Result<bool> WorkdayCalendar::is_working_day(std::string_view date) const {
  if (auto ok = check_date(date, "date"); !ok) return ok.error();
  int year = year_of(date);
  if (!years_.count(year)) {
    return Error{ErrorKind::kUnprocessable, "calendar.uncovered",
                 "工作日历未包含 " + std::to_string(year) + " 年,请先导入当年的放假安排",
                 "the working-day calendar does not cover " + std::to_string(year), "date"};
  }
  std::string d(date);
  if (off_.count(d)) return false;
  if (work_.count(d)) return true;
  std::chrono::weekday wd{to_days(date)};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

Result<std::string> WorkdayCalendar::add_working_days(std::string_view date, int n) const {
  if (auto ok = is_working_day(date); !ok) return ok.error();  // the start must be covered too
  sys_days d = to_days(date);
  int counted = 0;
  while (counted < n) {
    d += std::chrono::days{1};
    auto working = is_working_day(to_text(d));
    if (!working) return working.error();
    if (*working) ++counted;
  }
  return to_text(d);
}

Result<std::string> WorkdayCalendar::add_calendar_days(std::string_view date, int n,
                                                       bool roll_to_working_day) const {
  if (auto ok = check_date(date, "date"); !ok) return ok.error();
  sys_days d = to_days(date) + std::chrono::days{n};
  if (!roll_to_working_day) return to_text(d);
  for (;;) {
    auto working = is_working_day(to_text(d));
    if (!working) return working.error();
    if (*working) return to_text(d);
    d += std::chrono::days{1};
  }
}

}  // namespace zhifa::domain
