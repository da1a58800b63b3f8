// National identification codes (DOMAIN.md §9): the resident identity number (GB 11643-1999, ISO
// 7064 MOD 11-2 check digit) and the unified social credit code (GB 32100-2015, MOD 31 check
// character). Pure functions; errors name the field they were given.
#pragma once

#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace zhifa::domain {

struct IdNumberInfo {
  std::string region_code;  // first six digits: the county of registration
  std::string birth_date;   // YYYY-MM-DD
  bool male = false;        // the 17th digit is odd for men
};

// Validates an 18-character identity number (a lower-case x is accepted for the check digit).
Result<IdNumberInfo> parse_id_number(std::string_view id, std::string_view field = "id_number");
// The check character for the first 17 digits ('0'-'9' or 'X').
char id_number_check_digit(std::string_view first17);
// 140802199001011234 -> 140802********1234: region and the last four only.
std::string mask_id_number(std::string_view id);

// Validates an 18-character unified social credit code (upper case; the letters I, O, S, V, Z are
// not used).
Status check_uscc(std::string_view code, std::string_view field = "credit_code");
// The check character for the first 17 characters, or '\0' when one of them is not allowed.
char uscc_check_char(std::string_view first17);

}  // namespace zhifa::domain
