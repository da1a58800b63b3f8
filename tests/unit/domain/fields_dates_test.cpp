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
