#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/embedded.hpp"

namespace zhifa::domain {
namespace {

std::filesystem::path source(const std::string& rel) {
  const char* root = std::getenv("ZHIFA_SOURCE_DIR");
  return std::filesystem::path(root ? root : ".") / rel;
}

WorkdayCalendar official() {
  // The copy compiled into the binary must be the shared official file, unchanged.
  auto text = embedded::file("data/cn-workday-calendar.json");
  EXPECT_TRUE(text.has_value());
  auto c = WorkdayCalendar::from_json(*text);
  EXPECT_TRUE(c.ok());
  return std::move(c).value();
}

TEST(Calendar, CasesFromTheDataFile) {
  WorkdayCalendar cal = official();
  std::ifstream in(source("tests/unit/domain/data/calendar.txt"));
  ASSERT_TRUE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    std::string op, date, expected;
    s >> op >> date;
    if (op == "is_working") {
      s >> expected;
      auto r = cal.is_working_day(date);
      if (expected == "refused") {
        EXPECT_FALSE(r.ok()) << line;
      } else {
        ASSERT_TRUE(r.ok()) << line;
        EXPECT_EQ(*r, expected == "yes") << line;
      }
    } else if (op == "add_working") {
      int n = 0;
      s >> n >> expected;
      auto r = cal.add_working_days(date, n);
      EXPECT_EQ(r.ok() ? *r : "refused", expected) << line;
    } else if (op == "add_calendar") {
      int n = 0;
      std::string roll;
      s >> n >> roll >> expected;
      auto r = cal.add_calendar_days(date, n, roll == "yes");
      EXPECT_EQ(r.ok() ? *r : "refused", expected) << line;
    } else {
      ADD_FAILURE() << "unknown case " << line;
    }
    ++cases;
  }
  EXPECT_GE(cases, 18);
}

TEST(Calendar, UncoveredYearIsRefusedWithAClearReason) {
  auto r = official().is_working_day("2027-03-01");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.uncovered");
  EXPECT_NE(r.error().message_zh.find("2027"), std::string::npos);
}

TEST(Calendar, EmbeddedCopyMatchesTheSharedFile) {
  std::filesystem::path shared = source("../shared/data/cn-workday-calendar.json");
  if (!std::filesystem::exists(shared)) GTEST_SKIP() << "../shared is not beside the checkout";
  std::ifstream in(shared);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), std::string(*embedded::file("data/cn-workday-calendar.json")));
}

TEST(Calendar, MalformedFileIsRefused) {
  EXPECT_FALSE(WorkdayCalendar::from_json("{").ok());
  EXPECT_FALSE(
      WorkdayCalendar::from_json(R"({"years": {"2024": {"off": ["2024-02-30"], "work": []}}})")
          .ok());
}

}  // namespace
}  // namespace zhifa::domain
