#include "domain/access.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

const OrgRef kCity{1, "/1/"};
const OrgRef kYanhu{2, "/1/2/"};
const OrgRef kZhongcheng{3, "/1/2/3/"};
const OrgRef kYongji{4, "/1/4/"};

RoleGrant grant(DataScope s, std::vector<std::string> perms = {}, std::vector<OrgRef> custom = {}) {
  return {s, std::move(custom), std::move(perms)};
}

TEST(Scope, OrgAndBelowCoversTheSubtreeOnly) {
  Scope s = make_scope(9, "u", kYanhu, {grant(DataScope::kOrgAndBelow)});
  EXPECT_TRUE(s.covers(kYanhu));
  EXPECT_TRUE(s.covers(kZhongcheng));
  EXPECT_FALSE(s.covers(kYongji));
  EXPECT_FALSE(s.covers(kCity));
}

TEST(Scope, DivisionCoversTheWholeCountyOfABureau) {
  // 永济市司法局 (a body under the county) supervises every body of 永济市, not only itself.
  const OrgRef bureau{40, "/1/4/40/", "/1/4/"};
  const OrgRef team{41, "/1/4/41/"};
  const OrgRef township_office{43, "/1/4/42/43/"};
  Scope s = make_scope(9, "u", bureau, {grant(DataScope::kDivision)});
  EXPECT_TRUE(s.covers(bureau));
  EXPECT_TRUE(s.covers(team));
  EXPECT_TRUE(s.covers(township_office));
  EXPECT_TRUE(s.covers(kYongji));
  EXPECT_FALSE(s.covers(kYanhu));
  EXPECT_FALSE(s.covers(kCity));
  // Without a known division it is no wider than the org and below.
  Scope narrow = make_scope(9, "u", OrgRef{40, "/1/4/40/"}, {grant(DataScope::kDivision)});
  EXPECT_TRUE(narrow.covers(bureau));
  EXPECT_FALSE(narrow.covers(team));
  EXPECT_EQ(parse_data_scope("division_and_below"), DataScope::kDivision);
  EXPECT_EQ(to_string(DataScope::kDivision), "division_and_below");
}

TEST(Scope, PathPrefixDoesNotLeakToSiblingWithLongerId) {
  // "/1/2/" must not cover "/1/23/".
  Scope s = make_scope(9, "u", kYanhu, {grant(DataScope::kOrgAndBelow)});
  EXPECT_FALSE(s.covers({23, "/1/23/"}));
}

TEST(Scope, OwnOrgCoversNeitherParentNorChildren) {
  Scope s = make_scope(9, "u", kYanhu, {grant(DataScope::kOrg)});
  EXPECT_TRUE(s.covers(kYanhu));
  EXPECT_FALSE(s.covers(kZhongcheng));
}

TEST(Scope, SelfCoversNoOrg) {
  Scope s = make_scope(9, "u", kYanhu, {grant(DataScope::kSelf)});
  EXPECT_TRUE(s.self_only);
  EXPECT_FALSE(s.covers(kYanhu));
}

TEST(Scope, RolesCombineAsAUnion) {
  Scope s = make_scope(
      9, "u", kYanhu, {grant(DataScope::kOrg, {"a"}), grant(DataScope::kCustom, {"b"}, {kYongji})});
  EXPECT_TRUE(s.covers(kYanhu));
  EXPECT_TRUE(s.covers(kYongji));
  EXPECT_TRUE(s.has("a"));
  EXPECT_TRUE(s.has("b"));
  EXPECT_FALSE(s.has("c"));
}

TEST(Scope, AllCoversEverythingAndStarGrantsEveryPermission) {
  Scope s = make_scope(1, "admin", kCity, {grant(DataScope::kAll, {"*"})});
  EXPECT_TRUE(s.covers(kYongji));
  EXPECT_TRUE(s.has("system:user:create"));
}

TEST(Grant, CountyAdminCannotGrantCityWideRole) {
  Scope county = make_scope(9, "u", kYanhu, {grant(DataScope::kOrgAndBelow, {"system:user:list"})});
  EXPECT_FALSE(can_grant(county, DataScope::kAll, {}));
  EXPECT_FALSE(can_grant(county, DataScope::kCustom, {}));
  EXPECT_TRUE(can_grant(county, DataScope::kOrgAndBelow, {"system:user:list"}));
}

TEST(Grant, NobodyButAnAdministratorGrantsPermissionsTheyLack) {
  Scope county = make_scope(9, "u", kYanhu, {grant(DataScope::kOrgAndBelow, {"system:user:list"})});
  EXPECT_FALSE(can_grant(county, DataScope::kSelf, {"system:role:create"}));
  EXPECT_FALSE(can_grant(county, DataScope::kSelf, {"*"}));
  Scope admin = make_scope(1, "admin", kCity, {grant(DataScope::kAll, {"*"})});
  EXPECT_TRUE(can_grant(admin, DataScope::kAll, {"*"}));
}

TEST(Mask, PhoneKeepsFirstThreeAndLastFour) {
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone(""), "");
  EXPECT_EQ(mask_phone("12345"), "****");
}

TEST(Permissions, CatalogueKnowsItsKeysAndStar) {
  EXPECT_TRUE(is_known_permission("system:user:create"));
  EXPECT_TRUE(is_known_permission("*"));
  EXPECT_FALSE(is_known_permission("system:user:delete_everything"));
  for (const auto& p : permission_catalogue()) {
    if (!p.parent.empty()) {
      EXPECT_TRUE(is_known_permission(p.parent)) << p.key;
    }
  }
}

}  // namespace
}  // namespace zhifa::domain
