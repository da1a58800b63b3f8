// Templates of the official documents (执法文书) as data: an administrator edits them, each edit is
// a new version, and a document is filled from its case by named fields ({{party.name}}). A
// template may only name the fields below: an unknown one is refused when the template is saved,
// never discovered as a blank on a served decision. Plain rules: no files, no SQL.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace zhifa::domain {

struct TemplateField {
  std::string key, label;
};
// Every field a template may name, with its label (for the editor).
const std::vector<TemplateField>& template_fields();
// The narrative fields an officer may write or correct when a document is made (the facts, the
// evidence list, opinions); every other field comes from the case's records and is not typed in,
// so a document cannot state another party, number or fine than the case.
bool is_editable_field(std::string_view key);

struct TemplateBlock {
  // title | heading | paragraph | right | table | space | seal (the issuing body, date and the
  // area for the seal, right-aligned at the end)
  std::string type;
  std::string text;
  std::vector<std::vector<std::string>> rows;  // table: the first row is the header
  std::vector<double> widths;
};

struct DocTemplate {
  std::string code;  // filing_approval | inquiry | inspection | notice | hearing_notice | review |
                     // decision | service_receipt | closing | transfer | ...
  std::string name;  // 行政处罚决定书
  // The document's own number: "decision" takes the case's decision number; a suffix such as
  // "告" numbers it per body and year (运城市场罚告〔2026〕3号); empty: no number.
  std::string number;
  // The record kind the document is made from (询问笔录 from an inquiry record), or empty.
  std::string record_kind;
  std::vector<TemplateBlock> blocks;
};

// The placeholders of a text ("{{party.name}}" -> "party.name"), in order.
std::vector<std::string> placeholders(std::string_view text);

// Parses and checks a template: a code of [a-z_]{2,40}, a name, known block types, table rows of
// equal width, and only known fields (the first unknown one is named in the error).
Result<DocTemplate> parse_template(const nlohmann::json& j);
nlohmann::json to_json(const DocTemplate& t);

// The blocks with every placeholder replaced by its value; a field without a value becomes a
// blank line to fill by hand ("________"); a field present but empty prints nothing.
std::vector<TemplateBlock> fill(const DocTemplate& t,
                                const std::map<std::string, std::string>& values);

// Amounts as a document writes them: "5,000.00" and the capital form "伍仟元整".
std::string yuan_amount(std::int64_t fen);
std::string yuan_capital(std::int64_t fen);
// A decided penalty ({kinds, fine_fen, confiscation_fen}) in words:
// 警告;罚款人民币5,000.00元(大写:伍仟元整).
std::string penalty_text(const nlohmann::json& penalty);
// "2026年11月28日" from "2026-11-28".
std::string chinese_date(std::string_view iso_date);

}  // namespace zhifa::domain
