#include "platform/clock.hpp"

#include <fmt/format.h>

namespace zhifa {

std::string format_shanghai(std::int64_t epoch_ms) {
  using namespace std::chrono;
  constexpr std::int64_t kOffsetMs = 8LL * 3600 * 1000;  // Asia/Shanghai is UTC+8 all year
  sys_time<milliseconds> t{milliseconds{epoch_ms + kOffsetMs}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{floor<seconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

}  // namespace zhifa
