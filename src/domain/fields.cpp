#include "domain/fields.hpp"

#include <algorithm>
#include <set>

namespace zhifa::domain {

const std::vector<FieldDef>& enforcement_fields() {
  static const std::vector<FieldDef> k = {
      {"market", "市场监管"},
      {"ecology", "生态环境"},
      {"culture", "文化市场"},
      {"transport", "交通运输"},
      {"agriculture", "农业"},
      {"urban", "城市管理"},
      {"emergency", "应急管理"},
      {"township", "乡镇综合执法"},
      // Departments that enforce in their own field besides the seven comprehensive teams.
      {"natural_resources", "自然资源"},
      {"housing", "住房城乡建设"},
      {"water", "水利"},
      {"health", "卫生健康"},
      {"education", "教育"},
      {"labour", "人力资源社会保障"},
      {"civil_affairs", "民政"},
      {"public_security", "公安"},
      {"forestry", "林业"},
      {"medical_insurance", "医疗保障"},
      {"commerce", "商务"},
      {"statistics", "统计"},
      {"other", "其他"},
  };
  return k;
}

bool is_known_field(std::string_view key) {
  const auto& f = enforcement_fields();
  return std::any_of(f.begin(), f.end(), [&](const FieldDef& d) { return d.key == key; });
}

Status check_fields(const std::vector<std::string>& fields, std::string_view field_name) {
  std::string name(field_name);
  if (fields.empty())
    return Error::invalid("fields.empty", "至少选择一个执法领域", "at least one field is required",
                          name);
  std::set<std::string> seen;
  for (const auto& f : fields) {
    if (!is_known_field(f)) {
      return Error::invalid("fields.unknown", "未知的执法领域: " + f,
                            "unknown enforcement field: " + f, name);
    }
    if (!seen.insert(f).second) {
      return Error::invalid("fields.repeated", "执法领域重复: " + f, "field listed twice: " + f,
                            name);
    }
  }
  return Ok{};
}

std::string join_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ",") + f;
  return out;
}

std::vector<std::string> split_fields(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    auto comma = joined.find(',');
    if (comma != 0) out.emplace_back(joined.substr(0, comma));
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return out;
}

std::string field_label(std::string_view key) {
  for (const auto& f : enforcement_fields()) {
    if (f.key == key) return std::string(f.name_zh);
  }
  return std::string(key);
}

std::optional<std::string> field_of_label(std::string_view text) {
  for (const auto& f : enforcement_fields()) {
    if (f.key == text || f.name_zh == text) return std::string(f.key);
  }
  return std::nullopt;
}

}  // namespace zhifa::domain
