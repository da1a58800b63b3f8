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
                 "工作日历未包含 " + std::to_string(year) +
                     " 年,请系统管理员先在“系统管理 → 工作日历”导入当年的放假安排",
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

Status WorkdayCalendar::check_year(const Year& y) const {
  const std::string ys = std::to_string(y.year);
  if (y.year < 2000 || y.year > 2100) {
    return Error::invalid("calendar.year", "年份应在 2000 至 2100 之间", "year out of range",
                          "year");
  }
  if (years_.count(y.year)) {
    return Error::conflict("calendar.year_exists", "工作日历已包含 " + ys + " 年,不能重复导入",
                           "the calendar already covers " + ys, "year");
  }
  if (y.off.empty()) {
    return Error::invalid("calendar.year_empty",
                          ys + " 年的放假安排没有任何放假日期,请按国务院办公厅通知录入",
                          "a year's arrangement lists its holidays", "off");
  }
  for (const auto* list : {&y.off, &y.work}) {
    const char* field = list == &y.off ? "off" : "work";
    for (const auto& d : *list) {
      if (!is_valid_date(d) || year_of(d) != y.year) {
        return Error::invalid("calendar.date",
                              "日期 " + d + " 不是 " + ys + " 年的有效日期(格式 YYYY-MM-DD)",
                              "not a valid date of " + ys + ": " + d, field);
      }
    }
  }
  for (const auto& d : y.work) {
    if (y.off.count(d)) {
      return Error::invalid("calendar.both", "日期 " + d + " 不能既放假又上班",
                            "a day is either off or worked: " + d, "work");
    }
    std::chrono::weekday wd{to_days(d)};
    if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) {
      return Error::invalid("calendar.work_weekday",
                            "调休上班日 " + d + " 不是周末(工作日本来就上班)",
                            "a worked day off the weekend: " + d, "work");
    }
  }
  return Ok{};
}

Status WorkdayCalendar::add_year(const Year& y) {
  if (auto ok = check_year(y); !ok) return ok;
  years_.insert(y.year);
  off_.insert(y.off.begin(), y.off.end());
  work_.insert(y.work.begin(), y.work.end());
  return Ok{};
}

WorkdayCalendar::Year WorkdayCalendar::year(int y) const {
  Year out{y, {}, {}};
  const std::string prefix = std::to_string(y) + "-";
  for (const auto& d : off_) {
    if (d.starts_with(prefix)) out.off.insert(d);
  }
  for (const auto& d : work_) {
    if (d.starts_with(prefix)) out.work.insert(d);
  }
  return out;
}

}  // namespace zhifa::domain
