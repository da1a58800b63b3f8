// Calendar dates as the API carries them: "YYYY-MM-DD" strings, which compare correctly as text
// once validated. (Working-day arithmetic comes with the official calendar, domain/calendar.hpp.)
#pragma once

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

}  // namespace zhifa::domain
