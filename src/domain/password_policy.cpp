#include "domain/password_policy.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace zhifa::domain {

Status check_password(std::string_view password, std::string_view username,
                      const PasswordRules& rules, std::string_view field) {
  std::string f(field);
  auto fail = [&](std::string zh, std::string en) {
    return Error::invalid("password.weak", "密码不符合要求: " + zh, "password too weak: " + en, f);
  };
  if (static_cast<int>(password.size()) < rules.min_length) {
    return fail("长度至少 " + std::to_string(rules.min_length) + " 位",
                "at least " + std::to_string(rules.min_length) + " characters");
  }
  if (static_cast<int>(password.size()) > rules.max_length) {
    return fail("长度不能超过 " + std::to_string(rules.max_length) + " 位",
                "at most " + std::to_string(rules.max_length) + " characters");
  }
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::isupper(c))
      upper = true;
    else if (std::islower(c))
      lower = true;
    else if (std::isdigit(c))
      digit = true;
    else
      symbol = true;
  }
  if (!upper || !lower || !digit || !symbol) {
    return fail("须同时包含大写字母、小写字母、数字和特殊字符",
                "must contain upper case, lower case, a digit and a symbol");
  }
  if (!username.empty()) {
    std::string p(password), u(username);
    std::transform(p.begin(), p.end(), p.begin(), ::tolower);
    std::transform(u.begin(), u.end(), u.begin(), ::tolower);
    if (p.find(u) != std::string::npos)
      return fail("不能包含用户名", "must not contain the username");
  }
  return Ok{};
}

}  // namespace zhifa::domain
