// Who may see what. A role grants permission keys (menu and button keys, RuoYi style) and a data
// scope; a signed-in caller's Scope is the union of their roles' scopes. Every repository read of
// protected data takes a Scope; this header only says what a scope covers, never how to query it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace zhifa::domain {

// kDivision: the administrative division (city, county, township) the user's org sits in, and
// everything below it: a county justice bureau supervises the whole county (DOMAIN.md §1).
enum class DataScope { kAll, kCustom, kOrg, kOrgAndBelow, kDivision, kSelf };

std::optional<DataScope> parse_data_scope(std::string_view s);
std::string_view to_string(DataScope s);

// An org as the access rules see it: its id and its path of ids from the root ("/1/2/15/").
struct OrgRef {
  std::int64_t id = 0;
  std::string path;
  // The nearest city/county/township at or above the org (its path); empty when unknown.
  std::string division_path;

  OrgRef() = default;
  OrgRef(std::int64_t i, std::string p, std::string division = {})
      : id(i), path(std::move(p)), division_path(std::move(division)) {}
};

struct Scope {
  std::int64_t user_id = 0;
  std::string username;
  std::int64_t org_id = 0;                 // the caller's own org
  bool all = false;                        // sees everything
  std::vector<std::string> subtree_paths;  // sees orgs whose path starts with one of these
  std::set<std::int64_t> org_ids;          // sees exactly these orgs
  bool self_only = false;                  // sees records owned by the caller (when nothing else)
  std::set<std::string> permissions;

  bool has(std::string_view permission) const;
  bool covers(const OrgRef& org) const;
  // The widest description for the UI: "all", "org_and_below", ...
  std::string describe() const;
};

struct RoleGrant {
  DataScope scope = DataScope::kSelf;
  std::vector<OrgRef> custom_orgs;  // for kCustom: each org and its subtree
  std::vector<std::string> permissions;
};

// Combines the caller's roles into one scope (the union of what each role allows).
Scope make_scope(std::int64_t user_id, std::string username, const OrgRef& own_org,
                 const std::vector<RoleGrant>& roles);

struct PermissionDef {
  std::string key;
  std::string name;
  std::string type;  // menu | button
  std::string parent;
};

// Every permission key the platform knows, as a flat list with parents (the UI builds the tree).
const std::vector<PermissionDef>& permission_catalogue();
bool is_known_permission(std::string_view key);

}  // namespace zhifa::domain

namespace zhifa::domain {

// Whether `caller` may hand a role with this scope and these permissions to someone (no one grants
// more than they hold: a county administrator cannot make a city-wide administrator).
bool can_grant(const Scope& caller, DataScope role_scope,
               const std::vector<std::string>& role_permissions);

// Masks a mobile number for display: 13812345678 -> 138****5678.
std::string mask_phone(const std::string& phone);

}  // namespace zhifa::domain
