#include "domain/org.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

TEST(OrgPlacement, TreeFollowsCityCountyTownship) {
  EXPECT_TRUE(check_org_placement(std::nullopt, OrgKind::kCity).ok());
  EXPECT_TRUE(check_org_placement(OrgKind::kCity, OrgKind::kCounty).ok());
  EXPECT_TRUE(check_org_placement(OrgKind::kCounty, OrgKind::kTownship).ok());
}

TEST(OrgPlacement, TownshipCannotSitUnderTheCityDirectly) {
  auto r = check_org_placement(OrgKind::kCity, OrgKind::kTownship);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "parent_id");
}

TEST(OrgPlacement, BodiesSitAnywhereButUnderADepartment) {
  EXPECT_TRUE(check_org_placement(OrgKind::kCity, OrgKind::kBody).ok());
  EXPECT_TRUE(check_org_placement(OrgKind::kTownship, OrgKind::kBody).ok());
  EXPECT_FALSE(check_org_placement(OrgKind::kDepartment, OrgKind::kBody).ok());
  EXPECT_TRUE(check_org_placement(OrgKind::kBody, OrgKind::kDepartment).ok());
  EXPECT_FALSE(check_org_placement(OrgKind::kCounty, OrgKind::kDepartment).ok());
}

TEST(OrgPlacement, OnlyACityIsARoot) {
  EXPECT_FALSE(check_org_placement(std::nullopt, OrgKind::kCounty).ok());
  EXPECT_FALSE(check_org_placement(OrgKind::kCity, OrgKind::kCity).ok());
}

TEST(OrgLevel, BodiesTakeTheirParentsLevel) {
  EXPECT_EQ(org_level(OrgKind::kCounty, 1), 2);
  EXPECT_EQ(org_level(OrgKind::kBody, 3), 3);
}

}  // namespace
}  // namespace zhifa::domain
