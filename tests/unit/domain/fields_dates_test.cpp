#include <gtest/gtest.h>

#include "domain/dates.hpp"
#include "domain/fields.hpp"

namespace zhifa::domain {
namespace {

TEST(Fields, KnownFieldsPassUnknownOrRepeatedAreNamed) {
  EXPECT_TRUE(check_fields({"market", "culture"}).ok());
  EXPECT_EQ(check_fields({}).error().field, "fields");
  EXPECT_EQ(check_fields({"market", "astrology"}).error().code, "fields.unknown");
  EXPECT_EQ(check_fields({"market", "market"}).error().code, "fields.repeated");
}

TEST(Fields, JoinAndSplitRoundTrip) {
  EXPECT_EQ(join_fields({"market", "culture"}), "market,culture");
  EXPECT_EQ(split_fields("market,culture"), (std::vector<std::string>{"market", "culture"}));
  EXPECT_TRUE(split_fields("").empty());
}

TEST(Dates, OnlyRealDatesInIsoFormPass) {
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2026-02-29"));
  EXPECT_FALSE(is_valid_date("2026-13-01"));
  EXPECT_FALSE(is_valid_date("2026-1-01"));
  EXPECT_FALSE(is_valid_date("26-01-01"));
  EXPECT_EQ(check_date("2026/01/01", "valid_from").error().field, "valid_from");
  EXPECT_EQ(year_of("2026-11-28"), 2026);
}

}  // namespace
}  // namespace zhifa::domain

namespace zhifa::domain {
namespace {

TEST(Dates, ShanghaiDateIsUtcPlusEight) {
  // 2026-11-27 16:00:00 UTC is midnight of the 28th in Shanghai; one millisecond earlier is the
  // 27th.
  const std::int64_t midnight = 1795795200000LL;
  EXPECT_EQ(shanghai_date(midnight), "2026-11-28");
  EXPECT_EQ(shanghai_date(midnight - 1), "2026-11-27");
  EXPECT_EQ(shanghai_date(0), "1970-01-01");
}

TEST(Dates, YearsDaysAndTheDayBefore) {
  EXPECT_EQ(add_years("2026-03-01", 5), "2031-03-01");
  EXPECT_EQ(add_years("2028-02-29", 1), "2029-02-28");
  EXPECT_EQ(add_years("2028-02-29", 4), "2032-02-29");
  EXPECT_EQ(previous_day("2027-01-01"), "2026-12-31");
  EXPECT_EQ(previous_day("2028-03-01"), "2028-02-29");
  EXPECT_EQ(days_between("2026-11-28", "2026-12-28"), 30);
  EXPECT_EQ(days_between("2026-12-28", "2026-11-28"), -30);
  EXPECT_EQ(days_between("2026-01-01", "2027-01-01"), 365);
}

}  // namespace
}  // namespace zhifa::domain
