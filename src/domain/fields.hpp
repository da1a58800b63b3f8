// Enforcement fields (执法领域): the seven comprehensive enforcement teams of DOMAIN.md §1, the
// township comprehensive field, and the departments that still enforce in their own field.
// Certificates, officers and bodies name the fields they cover.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

struct FieldDef {
  std::string_view key;
  std::string_view name_zh;
};

const std::vector<FieldDef>& enforcement_fields();
bool is_known_field(std::string_view key);
// Refuses an empty list, an unknown key or a repeated key, naming `field_name`.
Status check_fields(const std::vector<std::string>& fields, std::string_view field_name = "fields");

// 市场监管 for market (the key itself when unknown); the key for a name or a key (imports accept
// either), nullopt when neither.
std::string field_label(std::string_view key);
std::optional<std::string> field_of_label(std::string_view text);

std::string join_fields(const std::vector<std::string>& fields);  // "market,culture"
std::vector<std::string> split_fields(std::string_view joined);

}  // namespace zhifa::domain
