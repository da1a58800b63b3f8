// The official working-day calendar (DOMAIN.md §4, APL 85): which days are working days, from the
// State Council's yearly holiday notices (data/cn-workday-calendar.json, compiled into the binary).
// A weekday is a working day unless listed "off"; a weekend day is a rest day unless listed "work"
// (调休). A date in a year the calendar does not cover is refused — never guessed.
// Periods count from the day after the triggering event.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace zhifa::domain {

class WorkdayCalendar {
 public:
  // Parses the calendar file's JSON text.
  static Result<WorkdayCalendar> from_json(std::string_view text);

  // One year's arrangement from a State Council notice, as staff enter it: the extra days off
  // (holidays, weekends included) and the weekend days worked (调休上班).
  struct Year {
    int year = 0;
    std::set<std::string> off, work;
  };
  // Checks a year before it is added: every date valid and in that year, no date both off and
  // worked, worked days only on a weekend (a weekday is worked anyway), at least one holiday (a
  // year without any is a mistake, not an arrangement), and not already covered.
  Status check_year(const Year& y) const;
  // Adds a checked year (check_year first).
  Status add_year(const Year& y);

  const std::set<int>& years() const { return years_; }
  // The year's listed days, for display.
  Year year(int y) const;

  Result<bool> is_working_day(std::string_view date) const;
  // The n-th working day after `date` (APL 85: the law's 2, 3, 5 and 7 days are working days).
  Result<std::string> add_working_days(std::string_view date, int n) const;
  // `date` + n calendar days; when that day is not a working day and `roll_to_working_day` is set
  // (the common rule for a period's last day), the next working day.
  Result<std::string> add_calendar_days(std::string_view date, int n,
                                        bool roll_to_working_day) const;

 private:
  std::set<int> years_;
  std::set<std::string> off_, work_;
};

}  // namespace zhifa::domain
