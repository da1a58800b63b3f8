#include "domain/catalogue.hpp"

#include <algorithm>

#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "domain/law_text.hpp"

namespace zhifa::domain {
namespace {

const std::vector<LabelDef> kTypes = {
    {"licence", "行政许可"},    {"penalty", "行政处罚"}, {"coercion", "行政强制"},
    {"inspection", "行政检查"}, {"levy", "行政征收"},    {"confirmation", "行政确认"},
    {"other", "其他行政权力"},
};

const std::vector<LabelDef> kGuide = {
    {"conditions", "申请条件"}, {"materials", "申请材料"}, {"time_limit", "办理时限"},
    {"fees", "收费标准"},       {"place", "办理地点"},     {"contact", "咨询电话"},
    {"notes", "备注"},
};

Error bad(std::string code, std::string zh, std::string en, std::string field) {
  return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
}

std::string_view trim(std::string_view s) {
  auto space = [](std::string_view t) {
    if (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\r')) return 1;
    if (t.size() >= 3 && t.substr(0, 3) == "\xE3\x80\x80") return 3;  // full-width space
    return 0;
  };
  auto space_back = [](std::string_view t) {
    if (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) return 1;
    if (t.size() >= 3 && t.substr(t.size() - 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  while (int n = space(s)) s.remove_prefix(static_cast<std::size_t>(n));
  while (int n = space_back(s)) s.remove_suffix(static_cast<std::size_t>(n));
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "一百二十二" or "122" -> 122.
std::optional<int> number_of(std::string_view s) {
  if (all_digits(s)) {
    if (s.size() > 4) return std::nullopt;
    int v = std::stoi(std::string(s));
    return v > 0 ? std::optional<int>(v) : std::nullopt;
  }
  return chinese_number(s);
}

// Reads "第<n><unit>" at the start of `s`; returns the number and advances `s`.
std::optional<int> take_numbered(std::string_view& s, std::string_view unit) {
  constexpr std::string_view kDi = "第";
  if (s.substr(0, kDi.size()) != kDi) return std::nullopt;
  auto end = s.find(unit, kDi.size());
  if (end == std::string_view::npos) return std::nullopt;
  auto n = number_of(s.substr(kDi.size(), end - kDi.size()));
  if (!n) return std::nullopt;
  s.remove_prefix(end + unit.size());
  return n;
}

std::vector<std::string_view> split_any(std::string_view text,
                                        const std::vector<std::string_view>& seps) {
  std::vector<std::string_view> out;
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    bool hit = false;
    for (auto sep : seps) {
      if (text.substr(i, sep.size()) == sep) {
        out.push_back(text.substr(start, i - start));
        i += sep.size();
        start = i;
        hit = true;
        break;
      }
    }
    if (!hit) ++i;
  }
  out.push_back(text.substr(start));
  return out;
}

std::string basis_text(const std::vector<MatterCitation>& basis) {
  std::string out;
  for (const auto& c : basis) {
    if (!out.empty()) out += ";";
    out += c.citation.empty() ? std::to_string(c.article_id) : c.citation;
  }
  return out;
}

std::string steps_detail(const std::vector<FlowStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    if (!out.empty()) out += " → ";
    out += s.name;
    std::string extra;
    if (!s.description.empty()) extra += s.description;
    if (!s.time_limit.empty()) extra += (extra.empty() ? "" : ",") + s.time_limit;
    if (!extra.empty()) out += "(" + extra + ")";
  }
  return out;
}

}  // namespace

const std::vector<LabelDef>& matter_types() { return kTypes; }
const std::vector<LabelDef>& guide_fields() { return kGuide; }

bool is_matter_type(std::string_view key) {
  return std::any_of(kTypes.begin(), kTypes.end(), [&](const LabelDef& t) { return t.key == key; });
}

std::string_view matter_type_label(std::string_view key) {
  for (const auto& t : kTypes) {
    if (t.key == key) return t.label;
  }
  return key;
}

std::optional<std::string> matter_type_of_label(std::string_view label) {
  label = trim(label);
  for (const auto& t : kTypes) {
    if (t.key == label || t.label == label) return std::string(t.key);
    // 处罚 for 行政处罚, 其他 for 其他行政权力
    if (t.label.size() > 6 && t.label.substr(6) == label) return std::string(t.key);
    if (t.key == "other" && label == "其他") return std::string(t.key);
  }
  return std::nullopt;
}

std::string_view level_label(std::string_view level) {
  if (level == "city") return "市级";
  if (level == "county") return "县级";
  if (level == "township") return "乡级";
  return level;
}

std::string_view list_label(std::string_view list, std::string_view township_kind) {
  if (list == "statutory") {
    if (township_kind == "street") return "法定事项(街道)";
    if (township_kind == "town") return "法定事项(乡镇)";
    return "法定事项";
  }
  if (list == "delegated") return "赋权事项";
  return "";
}

bool is_street_office(std::string_view name) {
  // the township itself (…街道) or its office (…街道综合行政执法办公室)
  return name.find("街道") != std::string_view::npos;
}

Result<std::vector<CitationRef>> parse_citations(std::string_view text) {
  std::vector<CitationRef> out;
  std::string law;
  for (auto piece :
       split_any(text, {";", "\xEF\xBC\x9B", "\xE3\x80\x81", ",", "\xEF\xBC\x8C", "\n"})) {
    piece = trim(piece);
    if (piece.empty()) continue;
    CitationRef c;
    c.text = std::string(piece);
    std::string_view rest = piece;
    constexpr std::string_view kOpen = "《", kClose = "》";
    if (rest.substr(0, kOpen.size()) == kOpen) {
      auto close = rest.find(kClose);
      if (close == std::string_view::npos || close == kOpen.size()) {
        return bad("citation.invalid", "引用“" + c.text + "”缺少完整的书名号《》",
                   "citation '" + c.text + "' has no closing 》", "basis");
      }
      law = std::string(trim(rest.substr(kOpen.size(), close - kOpen.size())));
      rest.remove_prefix(close + kClose.size());
      rest = trim(rest);
    }
    if (law.empty()) {
      return bad("citation.invalid", "引用“" + c.text + "”没有写明法律法规名称,应写作《名称》第X条",
                 "citation '" + c.text + "' names no law", "basis");
    }
    auto article = take_numbered(rest, "条");
    if (!article) {
      return bad("citation.invalid",
                 "引用“" + c.text + "”没有写明条文,应写作《名称》第X条(可加第X款)",
                 "citation '" + c.text + "' names no article", "basis");
    }
    c.law = law;
    c.article = *article;
    std::string clause;
    if (auto k = take_numbered(rest, "款")) clause += "第" + chinese_numeral(*k) + "款";
    if (auto x = take_numbered(rest, "项")) clause += "第" + chinese_numeral(*x) + "项";
    if (!trim(rest).empty()) {
      return bad(
          "citation.invalid",
          "引用“" + c.text + "”在条文之后还有无法识别的文字“" + std::string(trim(rest)) + "”",
          "citation '" + c.text + "' has unexpected text after the article", "basis");
    }
    c.clause = clause;
    out.push_back(std::move(c));
  }
  if (out.empty()) {
    return bad("citation.empty", "请填写设定依据(法律法规条文)", "no citation given", "basis");
  }
  return out;
}

std::vector<FlowStep> parse_flow(std::string_view text) {
  std::vector<FlowStep> out;
  for (auto piece : split_any(text, {"→", "->", ">", "\n"})) {
    piece = trim(piece);
    if (!piece.empty()) out.push_back({std::string(piece), "", ""});
  }
  return out;
}

std::string flow_text(const std::vector<FlowStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    if (!out.empty()) out += " → ";
    out += s.name;
  }
  return out;
}

Status check_matter(const MatterData& m) {
  if (trim(m.name).empty()) return bad("matter.name", "请填写事项名称", "name is required", "name");
  if (m.name.size() > 600) {
    return bad("matter.name", "事项名称过长(不超过200字)", "name is too long", "name");
  }
  if (!is_matter_type(m.type)) {
    return bad("matter.type",
               "事项类型应为行政许可、行政处罚、行政强制、行政检查、行政征收、行政确认或其他",
               "unknown matter type", "type");
  }
  if (!is_known_field(m.field)) {
    return bad("matter.field", "执法领域“" + m.field + "”不存在", "unknown field", "field");
  }
  if (!m.list_kind.empty()) {
    bool ok = (m.list_kind == "statutory" &&
               (m.township_kind == "town" || m.township_kind == "street")) ||
              (m.list_kind == "delegated" && m.township_kind == "all");
    if (!ok) {
      return bad("matter.list", "清单类别应为法定事项(适用乡镇或街道)或赋权事项(适用全部乡镇街道)",
                 "list must be statutory (town|street) or delegated (all)", "list");
    }
  }
  if (m.basis.empty()) {
    return bad("matter.basis", "请至少引用一条设定依据(法律法规条文)", "at least one citation",
               "basis");
  }
  for (std::size_t i = 0; i < m.basis.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (m.basis[i] == m.basis[j]) {
        return bad("matter.basis_repeated", "设定依据重复引用了" + m.basis[i].citation,
                   "a citation is repeated", "basis");
      }
    }
  }
  for (std::size_t i = 0; i < m.flow.size(); ++i) {
    if (trim(m.flow[i].name).empty()) {
      return bad("matter.flow", "办理流程第" + std::to_string(i + 1) + "步缺少名称",
                 "flow step " + std::to_string(i + 1) + " has no name", "flow");
    }
  }
  for (const auto& [k, v] : m.guide) {
    if (std::none_of(kGuide.begin(), kGuide.end(), [&](const LabelDef& g) { return g.key == k; })) {
      return bad("matter.guide", "服务指南没有“" + k + "”一项", "unknown guide field " + k,
                 "guide");
    }
  }
  if (auto ok = check_date(m.effective_from, "effective_from"); !ok) return ok;
  if (m.effective_until) {
    if (auto ok = check_date(*m.effective_until, "effective_until"); !ok) return ok;
    if (*m.effective_until < m.effective_from) {
      return bad("matter.dates", "失效日期不能早于生效日期",
                 "effective_until before effective_from", "effective_until");
    }
  }
  for (const auto& c : m.basis) {
    if (!c.law_effective_date.empty() && m.effective_from < c.law_effective_date) {
      return bad("matter.before_law",
                 "生效日期 " + m.effective_from + " 早于所引用法律法规的施行日期 " +
                     c.law_effective_date + "(" + c.citation + ")",
                 "effective_from precedes the cited law's effective date", "effective_from");
    }
  }
  if (m.status != "active" && m.status != "repealed") {
    return bad("matter.status", "状态应为有效或已废止", "status must be active or repealed",
               "status");
  }
  return Ok{};
}

bool in_force(const MatterData& m, std::string_view date) {
  return m.status == "active" && m.effective_from <= date &&
         (!m.effective_until || date <= *m.effective_until);
}

std::vector<FieldChange> diff_matters(const MatterData& a, const MatterData& b) {
  std::vector<FieldChange> out;
  auto add = [&](std::string field, std::string label, std::string before, std::string after) {
    if (before != after) out.push_back({std::move(field), std::move(label), before, after});
  };
  add("name", "事项名称", a.name, b.name);
  add("type", "事项类型", std::string(matter_type_label(a.type)),
      std::string(matter_type_label(b.type)));
  add("field", "执法领域", field_label(a.field), field_label(b.field));
  add("list", "清单类别", std::string(list_label(a.list_kind, a.township_kind)),
      std::string(list_label(b.list_kind, b.township_kind)));
  add("basis", "设定依据", basis_text(a.basis), basis_text(b.basis));
  add("flow", "办理流程", steps_detail(a.flow), steps_detail(b.flow));
  for (const auto& g : kGuide) {
    auto get = [&](const MatterData& m) {
      auto it = m.guide.find(std::string(g.key));
      return it == m.guide.end() ? std::string() : it->second;
    };
    add("guide." + std::string(g.key), "服务指南·" + std::string(g.label), get(a), get(b));
  }
  add("effective_from", "生效日期", a.effective_from, b.effective_from);
  add("effective_until", "失效日期", a.effective_until.value_or(""),
      b.effective_until.value_or(""));
  add("status", "状态", a.status == "active" ? "有效" : "已废止",
      b.status == "active" ? "有效" : "已废止");
  return out;
}

}  // namespace zhifa::domain
