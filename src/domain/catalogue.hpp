// The catalogue of enforcement matters (执法事项清单, DOMAIN.md §3): what a matter is, the checks a
// matter passes before it is stored, citations as governments publish them ("《食品安全法》第一百
// 二十二条第一款"), and the differences between two versions of a matter, shown to users as a diff.
// Pure: the module resolves citations against the legal basis library and stores the versions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

struct LabelDef {
  std::string_view key, label;
};

// licence 行政许可, penalty 行政处罚, coercion 行政强制, inspection 行政检查, levy 行政征收,
// confirmation 行政确认, other 其他行政权力.
const std::vector<LabelDef>& matter_types();
bool is_matter_type(std::string_view key);
std::string_view matter_type_label(std::string_view key);  // the key itself when unknown
std::optional<std::string> matter_type_of_label(
    std::string_view label);  // 行政处罚 / 处罚 -> penalty

std::string_view level_label(std::string_view level);  // city 市级 | county 县级 | township 乡级
// statutory 法定 | delegated 赋权; "" for a body's own matter.
std::string_view list_label(std::string_view list, std::string_view township_kind = "");

// A township (乡镇/街道) whose name ends in 街道 is a street office (街道办事处); the statutory
// list it may use is the street list, the others use the town list.
bool is_street_office(std::string_view township_or_body_name);

// One citation as written: the law's title (full or short, without 《》), the article, a clause.
struct CitationRef {
  std::string law;
  int article = 0;
  std::string clause;  // "第一款" or ""
  std::string text;    // the citation as written, for error messages
};

// "《食品安全法》第一百二十二条第一款;《食品安全法实施条例》第75条" -> the citations. Separators:
// ; ; 、 , , and new lines; a citation without 《title》 reuses the previous title ("《X》第三条、
// 第五条"). Refuses text that is not a citation, naming it.
Result<std::vector<CitationRef>> parse_citations(std::string_view text);

struct FlowStep {
  std::string name, description, time_limit;
  bool operator==(const FlowStep&) const = default;
};

// "立案 → 调查取证 → 决定" (also -> and >): steps with names only.
std::vector<FlowStep> parse_flow(std::string_view text);
std::string flow_text(const std::vector<FlowStep>& steps);

struct MatterCitation {
  std::int64_t article_id = 0;
  std::string clause;
  std::string citation;  // 《中华人民共和国食品安全法》第一百二十二条第一款 (display)
  std::string law_effective_date;  // the cited law's 施行日期
  bool operator==(const MatterCitation& o) const {
    return article_id == o.article_id && clause == o.clause;
  }
};

// The service guide (服务指南) fields, in display order.
const std::vector<LabelDef>& guide_fields();

struct MatterData {
  std::string name, type, field;
  std::string list_kind, township_kind;  // township lists only
  std::vector<MatterCitation> basis;
  std::vector<FlowStep> flow;
  std::map<std::string, std::string> guide;  // keys of guide_fields()
  std::string effective_from;
  std::optional<std::string> effective_until;
  std::string status = "active";  // active | repealed
};

// Name, type, field, list, at least one citation and no repeated one, flow steps named, dates valid
// and in order, and not in force before any cited law (matter.before_law).
Status check_matter(const MatterData& m);

// Whether the matter is in force on `date` (YYYY-MM-DD).
bool in_force(const MatterData& m, std::string_view date);

struct FieldChange {
  std::string field, label, before, after;
};

// What changed from `a` to `b`, field by field, as display texts (citations joined by ;, steps by
// →).
std::vector<FieldChange> diff_matters(const MatterData& a, const MatterData& b);

}  // namespace zhifa::domain
