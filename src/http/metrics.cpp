#include "http/metrics.hpp"

#include <fmt/format.h>

namespace zhifa::http {

Metrics& metrics() {
  static Metrics m;
  return m;
}

void Metrics::observe(const std::string& /*method*/, int status, double seconds) {
  int cls = status / 100;
  if (cls >= 1 && cls <= 5) by_class_[static_cast<std::size_t>(cls)]++;
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  buckets_[i]++;
  count_++;
  sum_us_ += static_cast<std::uint64_t>(seconds * 1e6);
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP zhifa_http_requests_total HTTP requests by status class.\n";
  out += "# TYPE zhifa_http_requests_total counter\n";
  for (int c = 1; c <= 5; ++c) {
    out += fmt::format("zhifa_http_requests_total{{code=\"{}xx\"}} {}\n", c,
                       by_class_[static_cast<std::size_t>(c)].load());
  }
  out += "# HELP zhifa_http_request_duration_seconds Time to handle a request.\n";
  out += "# TYPE zhifa_http_request_duration_seconds histogram\n";
  std::uint64_t cum = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cum += buckets_[i].load();
    out += fmt::format("zhifa_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i],
                       cum);
  }
  cum += buckets_[kBuckets.size()].load();
  out += fmt::format("zhifa_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cum);
  out += fmt::format("zhifa_http_request_duration_seconds_sum {:.6f}\n", sum_us_.load() / 1e6);
  out += fmt::format("zhifa_http_request_duration_seconds_count {}\n", count_.load());
  out += "# HELP zhifa_http_inflight_requests Requests being handled now.\n";
  out += "# TYPE zhifa_http_inflight_requests gauge\n";
  out += fmt::format("zhifa_http_inflight_requests {}\n", inflight_.load());
  return out;
}

}  // namespace zhifa::http
