// The organisation tree: city (市) → county-level division (县/区/县级市) → township (乡/镇/街道),
// with enforcement bodies (机关/执法队) and their internal departments hanging under any of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace zhifa::domain {

enum class OrgKind { kCity, kCounty, kTownship, kBody, kDepartment };

std::optional<OrgKind> parse_org_kind(std::string_view s);
std::string_view to_string(OrgKind k);
std::string_view label_zh(OrgKind k);

// Whether a child of `child` kind may sit under a parent of `parent` kind (nullopt: the root).
Status check_org_placement(std::optional<OrgKind> parent, OrgKind child);

// Level of a new org: city 1, county 2, township 3; bodies and departments take the parent's.
int org_level(OrgKind kind, int parent_level);

}  // namespace zhifa::domain
