#include "domain/doc_template.hpp"

#include "domain/case_rules.hpp"
#include "domain/evidence.hpp"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>

namespace zhifa::domain {
namespace {

using nlohmann::json;

const std::vector<std::string>& block_types() {
  static const std::vector<std::string> k{"title", "heading", "paragraph", "right",
                                          "table", "space",   "seal"};
  return k;
}

Error bad(std::string code, std::string zh, std::string en, std::string field = "") {
  return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
}

bool known_field(const std::string& key) {
  const auto& f = template_fields();
  return std::any_of(f.begin(), f.end(), [&](const TemplateField& t) { return t.key == key; });
}

std::string replace_all(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find("{{", i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::string key(text.substr(open + 2, close - open - 2));
    auto it = values.find(key);
    out += it == values.end() ? "________" : it->second;
    i = close + 2;
  }
  return out;
}

}  // namespace

const std::vector<TemplateField>& template_fields() {
  static const std::vector<TemplateField> k{
      {"org.name", "执法主体名称"},
      {"org.short", "执法主体简称(文号字头)"},
      {"doc.number", "本文书文号"},
      {"doc.date", "制作日期(大写年月日)"},
      {"case.id", "案件编号"},
      {"case.summary", "案由"},
      {"case.source", "案件来源"},
      {"case.field", "执法领域"},
      {"case.procedure", "程序(普通/简易)"},
      {"case.filed_on", "立案日期"},
      {"case.act_date", "违法行为发生日期"},
      {"case.discovered", "发现日期"},
      {"case.matter", "执法事项"},
      {"party.name", "当事人"},
      {"party.type", "当事人类型(个人/单位)"},
      {"facts", "违法事实"},
      {"evidence.list", "证据清单"},
      {"basis.articles", "法律依据(条款)"},
      {"penalty.kinds", "处罚种类"},
      {"penalty.fine_yuan", "罚款金额(元)"},
      {"penalty.fine_capital", "罚款金额(大写)"},
      {"penalty.confiscation_yuan", "没收金额(元)"},
      {"penalty.text", "处罚内容"},
      {"decision.number", "决定书文号"},
      {"decision.date", "决定日期"},
      {"notice.date", "告知日期"},
      {"hearing.right", "听证权利告知"},
      {"hearing.request_until", "申请听证截止日"},
      {"hearing.date", "听证日期"},
      {"hearing.place", "听证地点"},
      {"review.opinion", "法制审核意见"},
      {"review.result", "审核结论"},
      {"review.reviewer", "审核人员"},
      {"service.method", "送达方式"},
      {"service.date", "送达日期"},
      {"payment.due", "缴款期限"},
      {"officers.names", "承办人员"},
      {"officers.certs", "承办人员及执法证号"},
      {"filing.opinion", "承办人立案意见"},
      {"approval.opinion", "负责人审批意见"},
      {"closing.summary", "执行及结案情况"},
      {"transfer.receiver", "移送接收机关"},
      {"transfer.reason", "移送理由"},
      {"transfer.materials", "移送材料"},
      {"record.title", "笔录标题"},
      {"record.time", "笔录起止时间"},
      {"record.place", "笔录地点"},
      {"record.officers", "在场执法人员"},
      {"record.person", "被询问人/在场人"},
      {"record.qa", "询问问答"},
      {"record.findings", "检查情况"},
      {"record.items", "物品清单"},
      {"record.measure", "采取的措施"},
      {"record.document", "送达文书"},
      {"record.method", "送达方式(笔录)"},
      {"record.recipient", "受送达人"},
  };
  return k;
}

bool is_editable_field(std::string_view key) {
  static const std::set<std::string, std::less<>> k{
      "facts",          "evidence.list",   "filing.opinion",  "approval.opinion",
      "review.opinion", "closing.summary", "transfer.reason", "hearing.place"};
  return k.count(key) > 0;
}

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while ((i = text.find("{{", i)) != std::string_view::npos) {
    auto close = text.find("}}", i + 2);
    if (close == std::string_view::npos) break;
    out.emplace_back(text.substr(i + 2, close - i - 2));
    i = close + 2;
  }
  return out;
}

Result<DocTemplate> parse_template(const json& j) {
  if (!j.is_object()) return bad("template.format", "文书模板格式错误", "malformed template");
  DocTemplate t;
  t.code = j.value("code", "");
  t.name = j.value("name", "");
  t.number = j.value("number", "");
  t.record_kind = j.value("record_kind", "");
  static const std::regex kCode("[a-z_]{2,40}");
  if (!std::regex_match(t.code, kCode)) {
    return bad("template.code", "模板代码应为 2–40 个小写字母或下划线", "bad template code",
               "code");
  }
  if (!t.record_kind.empty() && record_kind_label(t.record_kind) == t.record_kind) {
    return bad("template.record_kind", "未知的笔录类型: " + t.record_kind, "unknown record kind",
               "record_kind");
  }
  if (t.name.empty() || t.name.size() > 120) {
    return bad("template.name", "请填写文书名称", "the document name is required", "name");
  }
  bool bad_number = t.number.size() > 12;
  for (const char* c : {"{", "}", "〔", "〕", "/"}) {
    if (t.number.find(c) != std::string::npos) bad_number = true;
  }
  if (bad_number) {
    return bad("template.number", "文号字符不正确", "bad number suffix", "number");
  }
  if (!j.contains("blocks") || !j["blocks"].is_array() || j["blocks"].empty()) {
    return bad("template.blocks", "模板须有内容块", "a template needs blocks", "blocks");
  }
  auto check_text = [&](const std::string& text, std::size_t index) -> Status {
    if (text.size() > 20000) {
      return bad("template.text", "第 " + std::to_string(index + 1) + " 块文字过长",
                 "block text too long", "blocks");
    }
    for (const auto& p : placeholders(text)) {
      if (!known_field(p)) {
        return Error{ErrorKind::kUnprocessable, "template.unknown_field",
                     "模板第 " + std::to_string(index + 1) + " 块使用了未知字段 {{" + p +
                         "}},可用字段见字段列表",
                     "unknown template field {{" + p + "}} in block " + std::to_string(index + 1),
                     "blocks"};
      }
    }
    return Ok{};
  };
  for (std::size_t i = 0; i < j["blocks"].size(); ++i) {
    const auto& b = j["blocks"][i];
    if (!b.is_object()) return bad("template.block", "内容块格式错误", "malformed block", "blocks");
    TemplateBlock block;
    block.type = b.value("type", "");
    if (std::find(block_types().begin(), block_types().end(), block.type) == block_types().end()) {
      return bad("template.block_type",
                 "第 " + std::to_string(i + 1) + " 块类型未知: " + block.type +
                     "(可用 title/heading/paragraph/right/table/space/seal)",
                 "unknown block type: " + block.type, "blocks");
    }
    if (b.contains("text") && !b["text"].is_string()) {
      return bad("template.text", "text 应为文字", "text must be a string", "blocks");
    }
    block.text = b.value("text", "");
    if (auto ok = check_text(block.text, i); !ok) return ok.error();
    if (block.type == "table") {
      if (!b.contains("rows") || !b["rows"].is_array() || b["rows"].empty()) {
        return bad("template.table", "表格须有行", "a table needs rows", "blocks");
      }
      std::size_t width = 0;
      for (const auto& row : b["rows"]) {
        if (!row.is_array() || row.empty()) {
          return bad("template.table", "表格行格式错误", "malformed table row", "blocks");
        }
        if (width == 0) width = row.size();
        if (row.size() != width) {
          return bad("template.table", "表格各行列数须相同", "table rows differ in width",
                     "blocks");
        }
        std::vector<std::string> cells;
        for (const auto& cell : row) {
          if (!cell.is_string()) {
            return bad("template.table", "表格单元格应为文字", "cells must be strings", "blocks");
          }
          if (auto ok = check_text(cell.get<std::string>(), i); !ok) return ok.error();
          cells.push_back(cell.get<std::string>());
        }
        block.rows.push_back(std::move(cells));
      }
      if (b.contains("widths")) {
        if (!b["widths"].is_array() || b["widths"].size() != width) {
          return bad("template.table", "列宽个数须与列数相同", "widths must match the columns",
                     "blocks");
        }
        for (const auto& w : b["widths"]) {
          if (!w.is_number() || w.get<double>() <= 0) {
            return bad("template.table", "列宽须为正数", "widths must be positive", "blocks");
          }
          block.widths.push_back(w.get<double>());
        }
      }
    } else if (block.type != "space" && block.type != "seal" && block.text.empty()) {
      return bad("template.text", "第 " + std::to_string(i + 1) + " 块没有文字",
                 "block without text", "blocks");
    }
    t.blocks.push_back(std::move(block));
  }
  return t;
}

json to_json(const DocTemplate& t) {
  json blocks = json::array();
  for (const auto& b : t.blocks) {
    json jb = {{"type", b.type}};
    if (!b.text.empty()) jb["text"] = b.text;
    if (b.type == "table") {
      jb["rows"] = b.rows;
      if (!b.widths.empty()) jb["widths"] = b.widths;
    }
    blocks.push_back(std::move(jb));
  }
  return {{"code", t.code},
          {"name", t.name},
          {"number", t.number},
          {"record_kind", t.record_kind},
          {"blocks", blocks}};
}

std::vector<TemplateBlock> fill(const DocTemplate& t,
                                const std::map<std::string, std::string>& values) {
  std::vector<TemplateBlock> out;
  for (const auto& b : t.blocks) {
    TemplateBlock f = b;
    f.text = replace_all(b.text, values);
    for (auto& row : f.rows) {
      for (auto& cell : row) cell = replace_all(cell, values);
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string yuan_amount(std::int64_t fen) {
  bool negative = fen < 0;
  std::uint64_t v = negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : fen;
  std::string whole = std::to_string(v / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02u", static_cast<unsigned>(v % 100));
  return (negative ? "-" : "") + grouped + "." + cents;
}

std::string yuan_capital(std::int64_t fen) {
  static const char* kDigit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* kUnit[] = {"", "拾", "佰", "仟"};
  static const char* kSection[] = {"", "万", "亿", "万亿"};
  if (fen < 0) return "负" + yuan_capital(-fen);
  std::int64_t yuan = fen / 100;
  int jiao = static_cast<int>(fen / 10 % 10), fen_digit = static_cast<int>(fen % 10);
  std::string out;
  if (yuan > 0) {
    // Groups of four digits from the top; a zero run inside or between groups reads as one 零.
    std::vector<int> groups;
    for (std::int64_t y = yuan; y > 0; y /= 10000) groups.push_back(static_cast<int>(y % 10000));
    bool need_zero = false;
    for (int g = static_cast<int>(groups.size()) - 1; g >= 0; --g) {
      int group = groups[g];
      if (group == 0) {
        need_zero = true;
        continue;
      }
      std::string text;
      bool started = false;
      for (int pos = 3; pos >= 0; --pos) {
        static const int kPow[] = {1, 10, 100, 1000};
        int d = group / kPow[pos] % 10;
        if (d == 0) {
          if (started || !out.empty()) need_zero = true;
          continue;
        }
        if (need_zero && (started || !out.empty())) text += "零";
        need_zero = false;
        text += kDigit[d];
        text += kUnit[pos];
        started = true;
      }
      out += text + kSection[g];
    }
    out += "元";
  }
  if (jiao == 0 && fen_digit == 0) return (out.empty() ? "零元" : out) + "整";
  if (jiao > 0) {
    out += std::string(kDigit[jiao]) + "角";
  } else if (!out.empty()) {
    out += "零";
  }
  if (fen_digit > 0) out += std::string(kDigit[fen_digit]) + "分";
  return out;
}

std::string chinese_date(std::string_view d) {
  if (d.size() < 10) return std::string(d);
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return std::string(d);
  }
  auto num = [&](std::size_t at, std::size_t n) {
    return std::to_string(std::stoi(std::string(d.substr(at, n))));
  };
  return std::string(d.substr(0, 4)) + "年" + num(5, 2) + "月" + num(8, 2) + "日";
}

std::string penalty_text(const nlohmann::json& p) {
  std::vector<std::string> parts;
  std::int64_t fine = p.value("fine_fen", std::int64_t{0});
  std::int64_t conf = p.value("confiscation_fen", std::int64_t{0});
  for (const auto& k : p.value("kinds", std::vector<std::string>{})) {
    auto kind = parse_penalty_kind(k);
    if (!kind) continue;
    if (*kind == PenaltyKind::kFine) {
      parts.push_back("罚款人民币" + yuan_amount(fine) + "元(大写:" + yuan_capital(fine) + ")");
    } else if (*kind == PenaltyKind::kConfiscation) {
      parts.push_back("没收违法所得、非法财物,折合人民币" + yuan_amount(conf) + "元");
    } else {
      parts.push_back(std::string(label_zh(*kind)));
    }
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ";") + part;
  return out;
}

}  // namespace zhifa::domain
