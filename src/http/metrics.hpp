// Process-wide request counters and a latency histogram, rendered in Prometheus text format.
// Per instance by nature: Prometheus scrapes each instance and adds them up.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace zhifa::http {

class Metrics {
 public:
  void observe(const std::string& method, int status, double seconds);
  void inflight_add(int d) { inflight_ += d; }
  std::string render() const;  // without the process/db lines the app adds

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};
  std::array<std::atomic<std::uint64_t>, 6> by_class_{};  // 1xx..5xx, index 1..5
  std::array<std::atomic<std::uint64_t>, 11> buckets_{};  // cumulative computed at render
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_us_{0};
  std::atomic<int> inflight_{0};
};

Metrics& metrics();

}  // namespace zhifa::http
