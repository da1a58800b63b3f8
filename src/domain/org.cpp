#include "domain/org.hpp"

#include <string>

namespace zhifa::domain {

std::optional<OrgKind> parse_org_kind(std::string_view s) {
  if (s == "city") return OrgKind::kCity;
  if (s == "county") return OrgKind::kCounty;
  if (s == "township") return OrgKind::kTownship;
  if (s == "body") return OrgKind::kBody;
  if (s == "department") return OrgKind::kDepartment;
  return std::nullopt;
}

std::string_view to_string(OrgKind k) {
  switch (k) {
    case OrgKind::kCity:
      return "city";
    case OrgKind::kCounty:
      return "county";
    case OrgKind::kTownship:
      return "township";
    case OrgKind::kBody:
      return "body";
    case OrgKind::kDepartment:
      return "department";
  }
  return "body";
}

std::string_view label_zh(OrgKind k) {
  switch (k) {
    case OrgKind::kCity:
      return "市";
    case OrgKind::kCounty:
      return "县(市、区)";
    case OrgKind::kTownship:
      return "乡镇(街道)";
    case OrgKind::kBody:
      return "机关/执法队";
    case OrgKind::kDepartment:
      return "内设机构";
  }
  return "";
}

Status check_org_placement(std::optional<OrgKind> parent, OrgKind child) {
  auto refuse = [&](const std::string& zh, const std::string& en) {
    return Error::invalid("org.placement", zh, en, "parent_id");
  };
  if (!parent) {
    if (child == OrgKind::kCity) return Ok{};
    return refuse("只有市级机构可以作为根节点", "only a city may be the root");
  }
  std::string c(label_zh(child)), p(label_zh(*parent));
  bool ok = false;
  switch (child) {
    case OrgKind::kCity:
      ok = false;
      break;
    case OrgKind::kCounty:
      ok = *parent == OrgKind::kCity;
      break;
    case OrgKind::kTownship:
      ok = *parent == OrgKind::kCounty;
      break;
    case OrgKind::kBody:
      ok = *parent != OrgKind::kDepartment;
      break;
    case OrgKind::kDepartment:
      ok = *parent == OrgKind::kBody || *parent == OrgKind::kDepartment;
      break;
  }
  if (ok) return Ok{};
  return refuse(
      "「" + c + "」不能设在「" + p + "」之下",
      std::string(to_string(child)) + " cannot be placed under " + std::string(to_string(*parent)));
}

int org_level(OrgKind kind, int parent_level) {
  switch (kind) {
    case OrgKind::kCity:
      return 1;
    case OrgKind::kCounty:
      return 2;
    case OrgKind::kTownship:
      return 3;
    default:
      return parent_level;
  }
}

}  // namespace zhifa::domain
