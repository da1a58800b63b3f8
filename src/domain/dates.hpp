// Calendar dates as the API carries them: "YYYY-MM-DD" strings, which compare correctly as text
// once validated. (Working-day arithmetic comes with the official calendar, domain/calendar.hpp.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace zhifa::domain {

// True for a real calendar date written YYYY-MM-DD between 1900 and 2199.
bool is_valid_date(std::string_view date);
// Refuses a malformed date naming the field.
Status check_date(std::string_view date, std::string_view field);
// The year of a valid date.
int year_of(std::string_view date);

// The calendar date in Asia/Shanghai (UTC+8 all year, no daylight saving) of a UTC instant.
std::string shanghai_date(std::int64_t unix_ms);
// "2026-11-28 09:30": the date and minute in Asia/Shanghai, as documents and reports print them.
std::string shanghai_minute(std::int64_t unix_ms);

// The same day `years` later; 29 February becomes 28 February in a common year.
std::string add_years(std::string_view date, int years);

// The date `days` days after a valid date (negative: before).
std::string add_days(std::string_view date, int days);

// The day before a valid date.
std::string previous_day(std::string_view date);

// Days from a to b (negative when b is before a); both valid dates.
int days_between(std::string_view a, std::string_view b);

}  // namespace zhifa::domain
