// Password complexity (等保 2.0 level 3 habit): a minimum length, upper case, lower case, a digit
// and a symbol all required, and the username not inside the password.
#pragma once

#include <string_view>

#include "platform/error.hpp"

namespace zhifa::domain {

struct PasswordRules {
  int min_length = 8;  // setting: security.password_min_length
  int max_length = 128;
};

// Returns Ok or an error naming field `field` with what is missing.
Status check_password(std::string_view password, std::string_view username,
                      const PasswordRules& rules, std::string_view field = "new_password");

}  // namespace zhifa::domain
