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

// A year staff add from a new notice (test dates, not a real arrangement): the calendar then covers
// it, and a period running into it is computed instead of refused.
TEST(Calendar, AddedYearIsCoveredAndCounted) {
  WorkdayCalendar cal = official();
  WorkdayCalendar::Year y{2027, {"2027-01-01", "2027-01-04"}, {"2027-01-09"}};
  ASSERT_TRUE(cal.check_year(y).ok());
  ASSERT_TRUE(cal.add_year(y).ok());
  EXPECT_TRUE(cal.years().count(2027));
  EXPECT_EQ(*cal.is_working_day("2027-01-04"), false);  // a Monday off
  EXPECT_EQ(*cal.is_working_day("2027-01-09"), true);   // a Saturday worked
  // 2026-12-31 (Thursday) + 2 working days: 01-01 off, 01-02/03 weekend, 01-04 off, 01-05, 01-06.
  EXPECT_EQ(*cal.add_working_days("2026-12-31", 2), "2027-01-06");
  EXPECT_EQ(cal.year(2027).off.size(), 2u);
  // Once added, the year cannot be added again.
  auto again = cal.check_year(y);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "calendar.year_exists");
}

TEST(Calendar, AMistakenYearIsRefusedWithTheDate) {
  WorkdayCalendar cal = official();
  auto code = [&](WorkdayCalendar::Year y) {
    auto r = cal.check_year(y);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code({2027, {}, {}}), "calendar.year_empty");
  EXPECT_EQ(code({2027, {"2028-01-01"}, {}}), "calendar.date");
  EXPECT_EQ(code({2027, {"2027-02-30"}, {}}), "calendar.date");
  EXPECT_EQ(code({2027, {"2027-01-09"}, {"2027-01-09"}}), "calendar.both");
  EXPECT_EQ(code({2027, {"2027-01-01"}, {"2027-01-06"}}), "calendar.work_weekday");
  EXPECT_EQ(code({2026, {"2026-01-01"}, {}}), "calendar.year_exists");
  EXPECT_EQ(code({1999, {"1999-01-01"}, {}}), "calendar.year");
  // Nothing refused was added.
  EXPECT_FALSE(cal.years().count(2027));
}

}  // namespace
}  // namespace zhifa::domain
