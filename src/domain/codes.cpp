#include "domain/codes.hpp"

#include <array>
#include <chrono>

namespace zhifa::domain {
namespace {

// GB 11643-1999: weights 2^(18-i) mod 11 for positions 1..17.
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheck = "10X98765432";  // indexed by the weighted sum mod 11

// GB 32100-2015: the 31 characters in value order, and weights 3^(i-1) mod 31.
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Error id_error(std::string_view field, const std::string& zh, const std::string& en) {
  return Error::invalid("code.id_number", "身份证号码" + zh, "identity number: " + en,
                        std::string(field));
}

}  // namespace

char id_number_check_digit(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17 && i < first17.size(); ++i)
    sum += (first17[i] - '0') * kIdWeights[i];
  return kIdCheck[static_cast<std::size_t>(sum % 11)];
}

Result<IdNumberInfo> parse_id_number(std::string_view id, std::string_view field) {
  if (id.size() != 18) return id_error(field, "应为 18 位", "must have 18 characters");
  std::string_view body = id.substr(0, 17);
  if (!all_digits(body))
    return id_error(field, "前 17 位必须是数字", "the first 17 characters must be digits");
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!(all_digits(std::string_view(&last, 1)) || last == 'X')) {
    return id_error(field, "最后一位只能是数字或 X", "the last character must be a digit or X");
  }
  using namespace std::chrono;
  int y = std::stoi(std::string(id.substr(6, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(id.substr(10, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(id.substr(12, 2))));
  year_month_day birth{year{y}, month{m}, day{d}};
  if (!birth.ok() || y < 1900)
    return id_error(field, "中的出生日期无效", "the birth date is not a real date");
  if (id_number_check_digit(body) != last) {
    return id_error(field, "校验位不正确,请核对号码",
                    "the check digit does not match; the number has a typo");
  }
  IdNumberInfo info;
  info.region_code = std::string(id.substr(0, 6));
  info.birth_date = std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                    std::string(id.substr(12, 2));
  info.male = (id[16] - '0') % 2 == 1;
  return info;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
         std::string(id.substr(id.size() - 4));
}

char uscc_check_char(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (i >= first17.size()) return '\0';
    auto v = kUsccChars.find(first17[i]);
    if (v == std::string_view::npos) return '\0';
    sum += static_cast<int>(v) * kUsccWeights[i];
  }
  return kUsccChars[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

Status check_uscc(std::string_view code, std::string_view field) {
  auto bad = [&](const std::string& zh, const std::string& en) {
    return Error::invalid("code.uscc", "统一社会信用代码" + zh, "unified social credit code: " + en,
                          std::string(field));
  };
  if (code.size() != 18) return bad("应为 18 位", "must have 18 characters");
  for (char c : code) {
    if (kUsccChars.find(c) == std::string_view::npos) {
      return bad("含有不允许的字符「" + std::string(1, c) + "」(不使用 I、O、S、V、Z)",
                 "contains a character that is not allowed (I, O, S, V and Z are not used)");
    }
  }
  if (uscc_check_char(code.substr(0, 17)) != code[17]) {
    return bad("校验码不正确,请核对代码",
               "the check character does not match; the code has a typo");
  }
  return Ok{};
}

}  // namespace zhifa::domain
