#include "domain/dates.hpp"

#include <chrono>
#include <cstdio>

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

namespace {

std::chrono::year_month_day parse(std::string_view d) {
  return {std::chrono::year{std::stoi(std::string(d.substr(0, 4)))},
          std::chrono::month{static_cast<unsigned>(std::stoi(std::string(d.substr(5, 2))))},
          std::chrono::day{static_cast<unsigned>(std::stoi(std::string(d.substr(8, 2))))}};
}

std::string format(const std::chrono::year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

std::string shanghai_date(std::int64_t unix_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds{unix_ms + 8LL * 3600 * 1000}};
  return format(year_month_day{floor<days>(t)});
}

std::string shanghai_minute(std::int64_t unix_ms) {
  std::int64_t local = unix_ms / 1000 + 8 * 3600;
  std::int64_t secs = ((local % 86400) + 86400) % 86400;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60));
  return shanghai_date(unix_ms) + " " + buf;
}

std::string add_years(std::string_view date, int years) {
  auto ymd = parse(date);
  auto moved = ymd + std::chrono::years{years};
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;
  return format(moved);
}

std::string add_days(std::string_view date, int days) {
  return format(
      std::chrono::year_month_day{std::chrono::sys_days{parse(date)} + std::chrono::days{days}});
}

std::string previous_day(std::string_view date) {
  return format(
      std::chrono::year_month_day{std::chrono::sys_days{parse(date)} - std::chrono::days{1}});
}

int days_between(std::string_view a, std::string_view b) {
  return static_cast<int>(
      (std::chrono::sys_days{parse(b)} - std::chrono::sys_days{parse(a)}).count());
}

}  // namespace zhifa::domain
