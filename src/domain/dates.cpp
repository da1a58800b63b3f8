#include "domain/dates.hpp"

#include <chrono>

namespace zhifa::domain {

bool is_valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int y = std::stoi(std::string(d.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(d.substr(5, 2))));
  unsigned day = static_cast<unsigned>(std::stoi(std::string(d.substr(8, 2))));
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                  std::chrono::day{day}};
  return ymd.ok() && y >= 1900 && y < 2200;
}

Status check_date(std::string_view date, std::string_view field) {
  if (is_valid_date(date)) return Ok{};
  return Error::invalid(
      "date.invalid", "日期格式不正确,应为 YYYY-MM-DD 的真实日期: " + std::string(date),
      "not a real date in YYYY-MM-DD form: " + std::string(date), std::string(field));
}

int year_of(std::string_view date) { return std::stoi(std::string(date.substr(0, 4))); }

}  // namespace zhifa::domain
