// Time is read in one place so that rules and services take it as a value and tests can set it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace zhifa {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock tests move by hand; also used by the server when ZHIFA_FAKE_CLOCK is set.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance_ms(std::int64_t ms) { now_ += ms; }
  void set_ms(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_;
};

// "2026-11-28T08:00:00+08:00" in Asia/Shanghai (UTC+8, no daylight saving).
std::string format_shanghai(std::int64_t epoch_ms);

}  // namespace zhifa
