#include "modules/documents/documents.hpp"

#include <zip.h>

#include <filesystem>
#include <list>
#include <set>

#include "domain/case_flow.hpp"
#include "domain/case_rules.hpp"
#include "domain/dates.hpp"
#include "domain/doc_template.hpp"
#include "domain/evidence.hpp"
#include "domain/fields.hpp"
#include "ledger/ledger.hpp"
#include "ledger/merkle.hpp"
#include "modules/cases/cases.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/counters.hpp"
#include "modules/common/scope_sql.hpp"
#include "platform/embedded.hpp"
#include "platform/pdf.hpp"
#include "platform/secrets.hpp"

namespace zhifa::modules::documents {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct CaseFacts {
  std::int64_t id = 0, org_id = 0;
  std::string org_name, procedure, source, summary, party_name, party_type, field, act_date,
      discovered, state;
  std::optional<std::int64_t> matter_id;
  std::optional<std::string> penalty, noticed_penalty, decision_no, decided_on, filed_on, served_on,
      payment_due, transfer;
};

std::optional<CaseFacts> find_case(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(
      "SELECT c.id, c.org_id, o.name, c.procedure, c.source, c.summary, c.party_name, "
      "c.party_type, c.field, c.act_date, c.discovered, c.state, c.matter_id, c.penalty, "
      "c.decision_no, c.decided_on, c.filed_on, c.served_on, c.payment_due, c.transfer, "
      "c.noticed_penalty FROM cases "
      "c JOIN orgs o ON o.id = c.org_id WHERE " +
          cond.sql + " AND c.id = ?",
      params);
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  CaseFacts c;
  c.id = r.i64(0);
  c.org_id = r.i64(1);
  c.org_name = r.str(2);
  c.procedure = r.str(3);
  c.source = r.str(4);
  c.summary = r.str(5);
  c.party_name = r.str(6);
  c.party_type = r.str(7);
  c.field = r.str(8);
  c.act_date = r.str(9);
  c.discovered = r.str(10);
  c.state = r.str(11);
  c.matter_id = r.opt_i64(12);
  c.penalty = r.opt_str(13);
  c.decision_no = r.opt_str(14);
  c.decided_on = r.opt_str(15);
  c.filed_on = r.opt_str(16);
  c.served_on = r.opt_str(17);
  c.payment_due = r.opt_str(18);
  c.transfer = r.opt_str(19);
  c.noticed_penalty = r.opt_str(20);
  return c;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string source_label(const std::string& s) {
  static const std::map<std::string, std::string> k{
      {"complaint", "投诉举报"},    {"inspection", "监督检查发现"}, {"grid", "网格员上报"},
      {"transfer", "其他机关移送"}, {"referral", "上级交办"},       {"own", "自行发现"}};
  auto it = k.find(s);
  return it == k.end() ? s : it->second;
}

std::string service_label(const std::string& m) {
  static const std::map<std::string, std::string> k{
      {"in_person", "直接送达"},   {"direct", "直接送达"},     {"leave", "留置送达"},
      {"mail", "邮寄送达"},        {"electronic", "电子送达"}, {"agent", "委托送达"},
      {"announcement", "公告送达"}};
  auto it = k.find(m);
  return it == k.end() ? m : it->second;
}

// The values a template may name, from the case, its steps, officers, evidence and one record.
// `noticed`: the penalty of the prior notice (告知书) rather than the decided one. A value the case
// does not have yet stays out of the map (a blank line on the document).
std::map<std::string, std::string> values_of(app::Env& env, db::Tx& tx, const CaseFacts& c,
                                             const std::optional<json>& rec,
                                             const std::string& today, bool noticed) {
  std::map<std::string, std::string> v;
  v["org.name"] = c.org_name;
  v["org.short"] = cases::decision_prefix(tx, c.org_id);
  v["doc.date"] = domain::chinese_date(today);
  v["case.id"] = std::to_string(c.id);
  v["case.summary"] = c.summary;
  v["case.source"] = source_label(c.source);
  v["case.field"] = domain::field_label(c.field);
  v["case.procedure"] = c.procedure == "simplified" ? "简易程序" : "普通程序";
  v["case.filed_on"] = c.filed_on ? domain::chinese_date(*c.filed_on) : "";
  v["case.act_date"] = domain::chinese_date(c.act_date);
  v["case.discovered"] = domain::chinese_date(c.discovered);
  v["party.name"] = c.party_name;
  v["party.type"] = c.party_type == "person" ? "个人" : "单位";
  if (c.matter_id) {
    auto rows = tx.query("SELECT name, basis FROM matters WHERE id = ?", {*c.matter_id});
    if (!rows.empty()) {
      v["case.matter"] = rows[0].str(0);
      std::vector<std::string> cites;
      for (const auto& b : json::parse(rows[0].str(1), nullptr, false)) {
        if (b.is_object()) cites.push_back(b.value("citation", ""));
      }
      v["basis.articles"] = join(cites, "、");
    }
  }
  const auto& penalty =
      (noticed || !c.penalty) && c.noticed_penalty ? c.noticed_penalty : c.penalty;
  if (penalty) {
    json p = json::parse(*penalty);
    std::vector<std::string> kinds;
    for (const auto& k : p.value("kinds", std::vector<std::string>{})) {
      if (auto kind = domain::parse_penalty_kind(k)) kinds.emplace_back(domain::label_zh(*kind));
    }
    v["penalty.kinds"] = join(kinds, "、");
    v["penalty.fine_yuan"] = domain::yuan_amount(p.value("fine_fen", std::int64_t{0}));
    v["penalty.fine_capital"] = domain::yuan_capital(p.value("fine_fen", std::int64_t{0}));
    v["penalty.confiscation_yuan"] =
        domain::yuan_amount(p.value("confiscation_fen", std::int64_t{0}));
    v["penalty.text"] = domain::penalty_text(p);
  }
  v["decision.number"] = c.decision_no.value_or("");
  v["decision.date"] = c.decided_on ? domain::chinese_date(*c.decided_on) : "";
  v["service.date"] = c.served_on ? domain::chinese_date(*c.served_on) : "";
  v["payment.due"] = c.payment_due ? domain::chinese_date(*c.payment_due) : "";
  // Officers with their certificate numbers.
  std::vector<std::string> names, certs;
  for (auto r : tx.query(
           "SELECT f.name, (SELECT cf.number FROM certificates cf WHERE cf.officer_id = f.id AND "
           "cf.number IS NOT NULL ORDER BY cf.id DESC LIMIT 1) FROM case_officers co JOIN "
           "officers f ON f.id = co.officer_id WHERE co.case_id = ? ORDER BY f.id",
           {c.id})) {
    names.push_back(r.str(0));
    certs.push_back(r.str(0) + "(执法证号 " + r.str(1) + ")");
  }
  v["officers.names"] = join(names, "、");
  v["officers.certs"] = join(certs, "、");
  // Steps: the latest of each kind wins.
  std::string facts;
  for (auto r : tx.query("SELECT s.action, s.note, s.data, s.at, COALESCE(u.display_name, "
                         "u.username, ''), s.role FROM case_steps s LEFT JOIN users u ON u.id = "
                         "s.by_user WHERE s.case_id = ? ORDER BY s.id",
                         {c.id})) {
    std::string action = r.str(0), note = r.str(1), who = r.str(4);
    json data = json::parse(r.str(2), nullptr, false);
    if (!data.is_object()) data = json::object();
    std::string on = data.value("on", domain::shanghai_date(r.i64(3)));
    if (action == "file") {
      v["filing.opinion"] = note.empty() ? "建议立案调查" : note;
      v["approval.opinion"] = "同意立案(" + who + ")";
    } else if (action == "notify") {
      v["notice.date"] = domain::chinese_date(on);
      v["hearing.right"] = "";
      if (data.value("hearing_right", false)) {
        std::string until = data.value("hearing_request_until", "");
        v["hearing.right"] =
            "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定,你(单位)有权要求举行听证,"
            "应当在" +
            domain::chinese_date(until) + "前提出。";
        v["hearing.request_until"] = domain::chinese_date(until);
      }
      if (!note.empty()) facts = note;
    } else if (action == "schedule_hearing") {
      v["hearing.date"] = domain::chinese_date(data.value("hearing_on", ""));
      v["hearing.place"] = data.value("place", "");
    } else if (action == "review_agree" || action == "review_correct" ||
               action == "review_transfer") {
      v["review.result"] = std::string(domain::case_action_label(action));
      v["review.opinion"] = note;
      v["review.reviewer"] = who;
    } else if (action == "serve") {
      v["service.method"] = service_label(data.value("method", "in_person"));
    } else if (action == "close") {
      v["closing.summary"] = note.empty() ? "当事人已履行处罚决定,案件办结" : note;
      v["approval.opinion"] = "同意结案(" + who + ")";
    } else if (action == "transfer") {
      v["transfer.reason"] = note;
    }
    if (data.contains("facts") && data["facts"].is_string()) facts = data["facts"];
  }
  v["facts"] = facts.empty() ? c.summary : facts;
  if (c.transfer) {
    json t = json::parse(*c.transfer, nullptr, false);
    if (t.is_object()) {
      v["transfer.receiver"] = t.value("receiver", "");
      v["transfer.materials"] = join(t.value("materials", std::vector<std::string>{}), "、");
    }
  }
  std::vector<std::string> ev;
  int n = 0;
  for (auto r : tx.query("SELECT title, kind FROM evidence WHERE case_id = ? AND derived_from IS "
                         "NULL ORDER BY id",
                         {c.id})) {
    static const std::map<std::string, std::string> kKind{
        {"photo", "照片"}, {"audio", "录音"}, {"video", "视频"}, {"document", "书证"}};
    ev.push_back("(" + std::to_string(++n) + ")" + r.str(0) + "(" + kKind.at(r.str(1)) + ")");
  }
  v["evidence.list"] = ev.empty() ? "" : join(ev, ";");
  if (rec) {
    const json& r = *rec;
    const json& content = r["content"];
    v["record.title"] = r.value("title", "");
    v["record.time"] = domain::shanghai_minute(r["started_at"].get<std::int64_t>()) + " 至 " +
                       domain::shanghai_minute(r["ended_at"].get<std::int64_t>()).substr(11);
    v["record.place"] = r.value("place", "");
    std::vector<std::string> present;
    for (const auto& o : r["officers"]) {
      present.push_back(o.value("name", "") + "(" + o.value("cert_no", "") + ")");
    }
    v["record.officers"] = join(present, "、");
    if (content.contains("person") && content["person"].is_object()) {
      const json& p = content["person"];
      std::vector<std::string> parts{p.value("name", "")};
      if (!p.value("gender", "").empty()) parts.push_back("性别 " + p.value("gender", ""));
      if (!p.value("id_number", "").empty())
        parts.push_back("身份证号 " + p.value("id_number", ""));
      if (!p.value("phone", "").empty()) parts.push_back("电话 " + p.value("phone", ""));
      if (!p.value("address", "").empty()) parts.push_back("住址 " + p.value("address", ""));
      if (!p.value("relation", "").empty())
        parts.push_back("与当事人关系 " + p.value("relation", ""));
      v["record.person"] = join(parts, ",");
    } else if (content.contains("present") && content["present"].is_string()) {
      v["record.person"] = content["present"];
    }
    std::vector<std::string> qa;
    for (const auto& item : content.value("qa", json::array())) {
      qa.push_back("问:" + item.value("q", "") + "\n答:" + item.value("a", ""));
    }
    v["record.qa"] = join(qa, "\n");
    v["record.findings"] = content.value("findings", "");
    std::vector<std::string> items;
    for (const auto& it : content.value("items", json::array())) {
      items.push_back(it.value("name", "") + " " + it.value("spec", "") + " " +
                      it.value("quantity", ""));
    }
    v["record.items"] = items.empty() ? "" : "物品清单:" + join(items, ";");
    v["record.measure"] = content.value("measure", "");
    v["record.document"] = content.value("document", "");
    v["record.method"] = service_label(content.value("method", ""));
    v["record.recipient"] = content.value("recipient", "");
  }
  (void)env;
  for (auto it = v.begin(); it != v.end();) {
    if (it->second.empty() && it->first != "hearing.right") {
      it = v.erase(it);
    } else {
      ++it;
    }
  }
  return v;
}

pdf::Document to_pdf(const domain::DocTemplate& t, const std::vector<domain::TemplateBlock>& blocks,
                     const std::string& author) {
  pdf::Document d;
  d.title = t.name;
  d.author = author;
  for (const auto& b : blocks) {
    if (b.type == "title") {
      d.blocks.push_back(pdf::Block::title(b.text));
    } else if (b.type == "heading") {
      d.blocks.push_back(pdf::Block::heading(b.text));
    } else if (b.type == "paragraph") {
      std::size_t start = 0;
      while (start <= b.text.size()) {
        auto nl = b.text.find('\n', start);
        d.blocks.push_back(pdf::Block::paragraph(b.text.substr(start, nl - start)));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    } else if (b.type == "right") {
      d.blocks.push_back(pdf::Block::right(b.text));
    } else if (b.type == "table") {
      d.blocks.push_back(pdf::Block::table(b.rows, b.widths));
    } else if (b.type == "space") {
      d.blocks.push_back(pdf::Block::space());
    } else if (b.type == "seal") {
      d.blocks.push_back(pdf::Block::space());
      d.blocks.push_back(pdf::Block::space());
      std::size_t start = 0;
      while (start <= b.text.size()) {
        auto nl = b.text.find('\n', start);
        d.blocks.push_back(pdf::Block::right(b.text.substr(start, nl - start)));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
  }
  return d;
}

std::optional<std::pair<domain::DocTemplate, int>> load_template(db::Tx& tx,
                                                                 const std::string& code,
                                                                 std::optional<int> version) {
  auto rows = version ? tx.query(
                            "SELECT body, version FROM doc_templates WHERE code = ? AND "
                            "version = ?",
                            {code, *version})
                      : tx.query(
                            "SELECT body, version FROM doc_templates WHERE code = ? ORDER BY "
                            "version DESC LIMIT 1",
                            {code});
  if (rows.empty()) return std::nullopt;
  auto t = domain::parse_template(json::parse(rows[0].str(0)));
  if (!t) raise(t.error());
  return std::make_pair(std::move(t).take(), static_cast<int>(rows[0].i64(1)));
}

json record_of(app::Env& env, db::Tx& tx, std::int64_t case_id, std::int64_t record_id) {
  auto rows = tx.query(
      "SELECT id, kind, title, started_at, ended_at, place, officers, content FROM case_records "
      "WHERE id = ? AND case_id = ?",
      {record_id, case_id});
  if (rows.empty()) raise(Error::not_found("笔录", "record"));
  auto r = rows[0];
  auto plain = env.cipher->decrypt(r.str(7));
  if (!plain) raise(plain.error());
  return {{"id", r.i64(0)},
          {"kind", r.str(1)},
          {"title", r.str(2)},
          {"started_at", r.i64(3)},
          {"ended_at", r.i64(4)},
          {"place", r.str(5)},
          {"officers", json::parse(r.str(6))},
          {"content", json::parse(*plain)}};
}

json document_json(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"case_id", r.i64(1)},
          {"record_id", r.is_null(2) ? json() : json(r.i64(2))},
          {"template_code", r.str(3)},
          {"template_version", r.i64(4)},
          {"name", r.str(5)},
          {"number", r.str(6)},
          {"size", r.i64(7)},
          {"sm3", r.str(8)},
          {"sha256", r.str(9)},
          {"ledger_seq", r.i64(10)},
          {"created_at", r.i64(11)},
          {"created_by_name", r.str(12)}};
}

constexpr const char* kDocSelect =
    "SELECT d.id, d.case_id, d.record_id, d.template_code, d.template_version, d.name, d.number, "
    "d.size, d.sm3, d.sha256, d.ledger_seq, d.created_at, COALESCE(u.display_name, u.username, "
    "'') FROM case_documents d LEFT JOIN users u ON u.id = d.created_by";

}  // namespace

void seed_templates(app::Env& env) {
  auto text = embedded::file("data/document-templates.json");
  if (!text) return;
  json bundle = json::parse(*text);
  std::int64_t now = env.now();
  db::with_write(*env.db, [&](db::Tx& tx) {
    for (const auto& tj : bundle["templates"]) {
      auto t = domain::parse_template(tj);
      if (!t) {
        raise(Error::internal("bundled template " + tj.value("code", "?") + ": " +
                              t.error().message_en));
      }
      if (!tx.query("SELECT 1 FROM doc_templates WHERE code = ?", {t->code}).empty()) continue;
      json body = domain::to_json(*t);
      tx.exec(
          "INSERT INTO doc_templates (code, version, name, body, created_at, created_by) VALUES "
          "(?, 1, ?, ?, ?, NULL)",
          {t->code, t->name, body.dump(), now});
      record(tx, nullptr, now, std::nullopt, "doc_template", t->code, "template.saved",
             {{"version", 1}, {"sm3", sm::to_hex(sm::sm3(body.dump()))}, {"bundled", true}});
    }
  });
}

json DocumentService::templates() {
  auto tx = env_.db->read();
  json out = json::array();
  for (auto r : tx->query(
           "SELECT t.code, t.name, t.version, t.created_at, t.body FROM doc_templates t WHERE "
           "t.version = (SELECT MAX(v.version) FROM doc_templates v WHERE v.code = t.code) ORDER "
           "BY t.code")) {
    json body = json::parse(r.str(4));
    out.push_back({{"code", r.str(0)},
                   {"name", r.str(1)},
                   {"version", r.i64(2)},
                   {"updated_at", r.i64(3)},
                   {"number", body.value("number", "")},
                   {"record_kind", body.value("record_kind", "")}});
  }
  json fields = json::array();
  for (const auto& f : domain::template_fields()) {
    fields.push_back({{"key", f.key}, {"label", f.label}});
  }
  return {{"items", out}, {"fields", fields}};
}

Result<json> DocumentService::template_of(const std::string& code, std::optional<int> version) {
  auto tx = env_.db->read();
  auto t = load_template(*tx, code, version);
  if (!t) return Error::not_found("文书模板", "document template");
  json versions = json::array();
  for (auto r : tx->query("SELECT t.version, t.created_at, COALESCE(u.display_name, u.username, "
                          "'系统内置') FROM doc_templates t LEFT JOIN users u ON u.id = "
                          "t.created_by WHERE t.code = ? ORDER BY t.version DESC",
                          {code})) {
    versions.push_back({{"version", r.i64(0)}, {"created_at", r.i64(1)}, {"by", r.str(2)}});
  }
  json fields = json::array();
  for (const auto& f : domain::template_fields()) {
    fields.push_back({{"key", f.key}, {"label", f.label}});
  }
  return json{{"template", domain::to_json(t->first)},
              {"version", t->second},
              {"versions", versions},
              {"fields", fields}};
}

Result<json> DocumentService::save_template(const domain::Scope& scope, const std::string& code,
                                            const json& body) {
  json b = body;
  b["code"] = code;
  auto t = domain::parse_template(b);
  if (!t) return t.error();
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    std::int64_t version =
        tx.scalar_i64("SELECT COALESCE(MAX(version), 0) FROM doc_templates WHERE code = ?",
                      {code}) +
        1;
    json stored = domain::to_json(*t);
    tx.exec(
        "INSERT INTO doc_templates (code, version, name, body, created_at, created_by) VALUES "
        "(?, ?, ?, ?, ?, ?)",
        {code, version, t->name, stored.dump(), now, scope.user_id});
    record(tx, &scope, now, scope.org_id, "doc_template", code, "template.saved",
           {{"version", version}, {"sm3", sm::to_hex(sm::sm3(stored.dump()))}});
    return json{{"template", stored}, {"version", version}};
  });
}

Result<json> DocumentService::preview_fields(const domain::Scope& scope, std::int64_t case_id,
                                             const std::string& code,
                                             std::optional<std::int64_t> record_id) {
  auto tx = env_.db->read();
  auto c = find_case(*tx, scope, case_id);
  if (!c) return Error::not_found("案件", "case");
  auto t = load_template(*tx, code, std::nullopt);
  if (!t) return Error::not_found("文书模板", "document template");
  std::optional<json> rec;
  if (!t->first.record_kind.empty() && !record_id) {
    return Error::invalid("document.record", "请选择要制作成文书的笔录",
                          "choose the record to print", "record_id");
  }
  if (record_id) rec = record_of(env_, *tx, case_id, *record_id);
  auto values = values_of(env_, *tx, *c, rec, domain::shanghai_date(env_.now()), code == "notice");
  std::set<std::string> used;
  for (const auto& b : t->first.blocks) {
    for (const auto& p : domain::placeholders(b.text)) used.insert(p);
    for (const auto& row : b.rows) {
      for (const auto& cell : row) {
        for (const auto& p : domain::placeholders(cell)) used.insert(p);
      }
    }
  }
  json fields = json::array();
  for (const auto& f : domain::template_fields()) {
    if (!used.count(f.key)) continue;
    fields.push_back({{"key", f.key},
                      {"label", f.label},
                      {"value", values.count(f.key) ? values[f.key] : ""},
                      {"editable", domain::is_editable_field(f.key)}});
  }
  return json{{"code", code}, {"name", t->first.name}, {"fields", fields}};
}

Result<json> DocumentService::generate(const domain::Scope& scope, std::int64_t case_id,
                                       const GenerateInput& in) {
  if (!(scope.has("case:handle") || scope.has("case:approve") || scope.has("case:review"))) {
    return Error::forbidden("case.role", "您没有办理案件的权限", "no case role");
  }
  for (const auto& [k, val] : in.fields) {
    const auto& known = domain::template_fields();
    if (std::none_of(known.begin(), known.end(),
                     [&](const domain::TemplateField& f) { return f.key == k; })) {
      return Error{ErrorKind::kUnprocessable, "document.unknown_field", "未知的文书字段: " + k,
                   "unknown document field: " + k, "fields"};
    }
    if (!domain::is_editable_field(k)) {
      return Error{ErrorKind::kUnprocessable, "document.fixed_field",
                   "字段 " + k + " 取自案件记录,不能在制作文书时改写(如有错误,请更正案件记录)",
                   "field " + k + " comes from the case and cannot be typed in", "fields"};
    }
  }
  std::int64_t now = env_.now();
  std::string today = domain::shanghai_date(now);
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto c = find_case(tx, scope, case_id);
    if (!c) return Error::not_found("案件", "case");
    if (domain::is_read_only(c->state)) {
      return Error::conflict("case.read_only", "案件已归档,卷宗不可再增加内容",
                             "the case is archived and read-only");
    }
    auto t = load_template(tx, in.code, std::nullopt);
    if (!t) return Error::not_found("文书模板", "document template");
    const auto& tpl = t->first;
    std::optional<json> rec;
    if (!tpl.record_kind.empty()) {
      if (!in.record_id) {
        return Error::invalid("document.record", "请选择要制作成文书的笔录",
                              "choose the record to print", "record_id");
      }
      rec = record_of(env_, tx, case_id, *in.record_id);
      if ((*rec)["kind"] != tpl.record_kind) {
        return Error::invalid("document.record_kind",
                              "所选笔录不是" + domain::record_kind_label(tpl.record_kind),
                              "the record is of another kind", "record_id");
      }
    }
    auto values = values_of(env_, tx, *c, rec, today, tpl.code == "notice");
    for (const auto& [k, val] : in.fields) values[k] = val;
    std::string number;
    if (tpl.number == "decision") {
      if (!c->decision_no) {
        return Error::conflict("document.no_decision",
                               "案件尚未作出处罚决定,没有决定书文号,不能制作" + tpl.name,
                               "the case has no decision yet");
      }
      number = *c->decision_no;
    } else if (!tpl.number.empty()) {
      int year = std::stoi(today.substr(0, 4));
      std::int64_t n = next_counter(
          tx, "doc:" + std::to_string(c->org_id) + ":" + std::to_string(year) + ":" + tpl.number);
      number = cases::decision_prefix(tx, c->org_id) + tpl.number + "〔" + std::to_string(year) +
               "〕" + std::to_string(n) + "号";
    }
    values["doc.number"] = number;
    auto pdf_bytes = pdf::render(to_pdf(tpl, domain::fill(tpl, values), c->org_name));
    if (!pdf_bytes) return pdf_bytes.error();
    auto stored = env_.files->put(*pdf_bytes);
    if (!stored) return stored.error();
    std::int64_t seq =
        record(tx, &scope, now, c->org_id, "case", std::to_string(case_id), "document.generated",
               {{"case_id", case_id},
                {"template", tpl.code},
                {"template_version", t->second},
                {"name", tpl.name},
                {"number", number},
                {"sm3", stored->sm3},
                {"sha256", stored->sha256},
                {"size", stored->size}});
    std::int64_t id = tx.insert(
        "INSERT INTO case_documents (case_id, record_id, template_code, template_version, name, "
        "number, size, sm3, sha256, ledger_seq, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?) RETURNING id",
        {case_id, in.record_id, tpl.code, t->second, tpl.name, number, stored->size, stored->sm3,
         stored->sha256, seq, now, scope.user_id});
    auto rows = tx.query(std::string(kDocSelect) + " WHERE d.id = ?", {id});
    return document_json(rows[0]);
  });
}

Result<json> DocumentService::list(const domain::Scope& scope, std::int64_t case_id) {
  auto tx = env_.db->read();
  if (!find_case(*tx, scope, case_id)) return Error::not_found("案件", "case");
  json items = json::array();
  for (auto r :
       tx->query(std::string(kDocSelect) + " WHERE d.case_id = ? ORDER BY d.id", {case_id})) {
    items.push_back(document_json(r));
  }
  return json{{"items", items}};
}

Result<evidence::FileRef> DocumentService::file(const domain::Scope& scope,
                                                std::int64_t document_id) {
  auto tx = env_.db->read();
  auto rows = tx->query("SELECT case_id, sm3, name, number FROM case_documents WHERE id = ?",
                        {document_id});
  if (rows.empty() || !find_case(*tx, scope, rows[0].i64(0))) {
    return Error::not_found("文书", "document");
  }
  std::string name = rows[0].str(2);
  if (!rows[0].str(3).empty()) name += "-" + rows[0].str(3);
  return evidence::FileRef{env_.files->object_path(rows[0].str(1)).string(), "application/pdf",
                           name + ".pdf", 0};
}

// --- the case file (卷宗)
// ---------------------------------------------------------------------------

namespace {

struct ZipWriter {
  zip_t* z = nullptr;
  std::list<std::string> buffers;  // alive until close
  std::string error;

  bool add_bytes(const std::string& name, std::string bytes) {
    buffers.push_back(std::move(bytes));
    zip_source_t* src = zip_source_buffer(z, buffers.back().data(), buffers.back().size(), 0);
    return add(name, src);
  }
  bool add_file(const std::string& name, const std::string& path) {
    zip_source_t* src = zip_source_file(z, path.c_str(), 0, -1);
    return add(name, src);
  }
  bool add(const std::string& name, zip_source_t* src) {
    if (!src) {
      error = zip_strerror(z);
      return false;
    }
    zip_int64_t idx = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(src);
      error = zip_strerror(z);
      return false;
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    return true;
  }
};

std::string safe_name(std::string s) {
  for (auto& ch : s) {
    if (ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' || ch == '<' ||
        ch == '>' || ch == '|')
      ch = '_';
  }
  return s;
}

}  // namespace

Result<std::string> DocumentService::package(const domain::Scope& scope, std::int64_t case_id) {
  std::int64_t now = env_.now();
  {
    // Earlier exports (served from disk) are removed once they are an hour old.
    std::error_code ec;
    auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const auto& entry : fs::directory_iterator(env_.files->temp_dir(), ec)) {
      if (entry.path().filename().string().starts_with("package-") &&
          entry.last_write_time(ec) < old) {
        fs::remove(entry.path(), ec);
      }
    }
  }
  fs::path out = env_.files->temp_dir() / ("package-" + secrets::random_hex(8) + ".zip");
  auto built = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::string> {
    auto c = find_case(tx, scope, case_id);
    if (!c) return Error::not_found("案件", "case");
    if (c->state != "closed" && c->state != "archived" && c->state != "terminated" &&
        c->state != "withdrawn" && c->state != "transferred" && c->state != "dismissed" &&
        c->state != "passed_on") {
      return Error::conflict("package.not_closed", "案件结案后才能导出卷宗",
                             "the case file is exported once the case is closed");
    }
    json files = json::array();
    ZipWriter zw;
    int zerr = 0;
    zw.z = zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!zw.z) return Error::internal("cannot create the package");
    auto fail = [&](const std::string& what) -> Error {
      zip_discard(zw.z);
      zw.z = nullptr;
      return Error::internal(what + ": " + zw.error);
    };
    std::vector<std::vector<std::string>> catalogue{{"序号", "材料", "文号/说明", "日期", "SM3"}};
    int n = 0;
    // Documents in the order they were made.
    for (auto r :
         tx.query(std::string(kDocSelect) + " WHERE d.case_id = ? ORDER BY d.id", {case_id})) {
      json d = document_json(r);
      std::string path = "documents/" + std::to_string(++n) + "-" +
                         safe_name(d["name"].get<std::string>()) + ".pdf";
      if (!zw.add_file(path, env_.files->object_path(d["sm3"]).string())) return fail("document");
      files.push_back({{"path", path},
                       {"kind", "document"},
                       {"sm3", d["sm3"]},
                       {"sha256", d["sha256"]},
                       {"size", d["size"]},
                       {"event_seq", d["ledger_seq"]}});
      catalogue.push_back(
          {std::to_string(n), d["name"], d["number"],
           domain::shanghai_minute(d["created_at"].get<std::int64_t>()).substr(0, 10),
           d["sm3"].get<std::string>().substr(0, 16)});
    }
    // Evidence files.
    std::vector<std::int64_t> evidence_ids;
    for (auto r : tx.query("SELECT id, file_name, sm3, sha256, size, ledger_seq, title, kind, "
                           "created_at FROM evidence WHERE case_id = ? ORDER BY id",
                           {case_id})) {
      evidence_ids.push_back(r.i64(0));
      std::string path = "evidence/" + std::to_string(r.i64(0)) + "-" + safe_name(r.str(1));
      if (!zw.add_file(path, env_.files->object_path(r.str(2)).string())) return fail("evidence");
      files.push_back({{"path", path},
                       {"kind", "evidence"},
                       {"sm3", r.str(2)},
                       {"sha256", r.str(3)},
                       {"size", r.i64(4)},
                       {"event_seq", r.i64(5)}});
      catalogue.push_back({std::to_string(++n), "证据:" + r.str(6), r.str(1),
                           domain::shanghai_minute(r.i64(8)).substr(0, 10),
                           r.str(2).substr(0, 16)});
    }
    // Records (decrypted) and the timeline.
    json records = json::array();
    for (auto r :
         tx.query("SELECT id FROM case_records WHERE case_id = ? ORDER BY id", {case_id})) {
      records.push_back(record_of(env_, tx, case_id, r.i64(0)));
    }
    json timeline = json::array();
    for (auto r : tx.query("SELECT action, from_state, to_state, note, data, ledger_seq, at FROM "
                           "case_steps WHERE case_id = ? ORDER BY id",
                           {case_id})) {
      timeline.push_back({{"action", r.str(0)},
                          {"label", domain::case_action_label(r.str(0))},
                          {"from", r.str(1)},
                          {"to", r.str(2)},
                          {"note", r.str(3)},
                          {"data", json::parse(r.str(4))},
                          {"ledger_seq", r.i64(5)},
                          {"at", r.i64(6)}});
    }
    auto add_json = [&](const std::string& path, const std::string& kind, const json& j) {
      std::string text = j.dump(2);
      auto st = files::DualHasher();
      st.update(text);
      auto h = st.final();
      files.push_back(
          {{"path", path}, {"kind", kind}, {"sm3", h.sm3}, {"sha256", h.sha256}, {"size", h.size}});
      return zw.add_bytes(path, std::move(text));
    };
    if (!add_json("records.json", "records", records)) return fail("records");
    if (!add_json("timeline.json", "timeline", timeline)) return fail("timeline");
    catalogue.push_back({std::to_string(++n), "现场笔录(" + std::to_string(records.size()) + " 份)",
                         "records.json", "", ""});
    catalogue.push_back({std::to_string(++n),
                         "办案过程记录(" + std::to_string(timeline.size()) + " 步)",
                         "timeline.json", "", ""});
    // Ledger: the packaging event, then a checkpoint over it, then every event of the case and its
    // evidence with an inclusion proof against that checkpoint.
    record(tx, &scope, now, c->org_id, "case", std::to_string(case_id), "case.packaged",
           {{"files", files.size()}});
    auto cp = ledger::make_checkpoint(tx, *env_.signer, now);
    json events = json::array();
    auto add_events = [&](const std::string& entity, const std::string& id) -> Status {
      for (const auto& e : ledger::events_for(tx, entity, id)) {
        auto proof = ledger::inclusion_proof(tx, e.seq, cp.size);
        if (!proof) return proof.error();
        json ej = ledger::to_json(e);
        ej["proof"] = ledger::to_json(*proof);
        events.push_back(std::move(ej));
      }
      return Ok{};
    };
    if (auto s = add_events("case", std::to_string(case_id)); !s) return s.error();
    for (auto id : evidence_ids) {
      if (auto s = add_events("evidence", std::to_string(id)); !s) return s.error();
    }
    // The catalogue (卷内目录).
    pdf::Document doc;
    doc.title = "卷内目录";
    doc.author = c->org_name;
    doc.blocks.push_back(pdf::Block::title(c->org_name));
    doc.blocks.push_back(pdf::Block::title("行政处罚案件卷宗 卷内目录"));
    doc.blocks.push_back(pdf::Block::paragraph(
        "案件编号:" + std::to_string(case_id) + "    当事人:" + c->party_name +
        "    案由:" + c->summary + (c->decision_no ? "    决定书文号:" + *c->decision_no : "")));
    doc.blocks.push_back(pdf::Block::table(catalogue, {0.6, 3, 2.4, 1.4, 2}));
    doc.blocks.push_back(pdf::Block::paragraph(
        "本卷宗含账本事件 " + std::to_string(events.size()) + " 条,均附包含证明;检查点:第 " +
        std::to_string(cp.size) + " 条,根哈希 " + sm::to_hex(cp.root) +
        "。可用 zhifa verify --package 离线校验。"));
    doc.blocks.push_back(pdf::Block::right("导出时间:" + domain::shanghai_minute(now)));
    auto cat = pdf::render(doc);
    if (!cat) return cat.error();
    {
      files::DualHasher h;
      h.update(*cat);
      auto s = h.final();
      files.insert(files.begin(), json{{"path", "catalogue.pdf"},
                                       {"kind", "catalogue"},
                                       {"sm3", s.sm3},
                                       {"sha256", s.sha256},
                                       {"size", s.size}});
      if (!zw.add_bytes("catalogue.pdf", std::move(*cat))) return fail("catalogue");
    }
    json manifest = {{"format", "zhifa-case-file/1"},
                     {"case",
                      {{"id", case_id},
                       {"org", c->org_name},
                       {"party", c->party_name},
                       {"summary", c->summary},
                       {"state", c->state},
                       {"decision_no", c->decision_no ? json(*c->decision_no) : json()}}},
                     {"generated_at", now},
                     {"files", files},
                     {"events", events},
                     {"checkpoint", ledger::to_json(cp, env_.signer->public_key_pem())}};
    std::string mtext = manifest.dump(2);
    std::string sig = env_.signer->sign(mtext);
    if (!zw.add_bytes("manifest.json", mtext)) return fail("manifest");
    if (!zw.add_bytes("manifest.sig", sig + "\n")) return fail("signature");
    if (zip_close(zw.z) != 0) {
      std::string e = zip_strerror(zw.z);
      zip_discard(zw.z);
      return Error::internal("cannot write the package: " + e);
    }
    return out.string();
  });
  if (!built) {
    std::error_code ec;
    fs::remove(out, ec);
  }
  return built;
}

// --- offline verification ------------------------------------------------------------------------

namespace {

Result<std::string> read_entry(zip_t* z, const std::string& name) {
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return Error::not_found(name, name);
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return Error::internal("cannot open " + name);
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t got = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (got != static_cast<zip_int64_t>(st.size)) return Error::internal("short read " + name);
  return out;
}

std::optional<files::Stored> hash_entry(zip_t* z, const std::string& name) {
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  files::DualHasher h;
  std::vector<char> buf(1 << 20);
  for (;;) {
    zip_int64_t n = zip_fread(f, buf.data(), buf.size());
    if (n < 0) {
      zip_fclose(f);
      return std::nullopt;
    }
    if (n == 0) break;
    h.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  zip_fclose(f);
  return h.final();
}

}  // namespace

bool verify_package(const std::string& path, const std::string& pinned_key_pem, std::string& out) {
  int zerr = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &zerr);
  if (!z) {
    out += "无法打开卷宗文件 / cannot open the package\n";
    return false;
  }
  bool ok = true;
  auto problem = [&](const std::string& line) {
    ok = false;
    out += "✗ " + line + "\n";
  };
  auto mtext = read_entry(z, "manifest.json");
  auto sig = read_entry(z, "manifest.sig");
  if (!mtext || !sig) {
    zip_close(z);
    out += "✗ 缺少 manifest.json 或 manifest.sig / manifest or signature missing\n";
    return false;
  }
  json m = json::parse(*mtext, nullptr, false);
  if (!m.is_object() || m.value("format", "") != "zhifa-case-file/1") {
    zip_close(z);
    out += "✗ 清单格式不正确 / not a Zhifa case file manifest\n";
    return false;
  }
  const json& cpj = m["checkpoint"];
  std::string key = cpj.value("public_key", "");
  if (!pinned_key_pem.empty() && key != pinned_key_pem) {
    problem("签名公钥与指定公钥不符 / the package was signed with another key");
  }
  std::string sig_hex = *sig;
  while (!sig_hex.empty() && (sig_hex.back() == '\n' || sig_hex.back() == '\r')) sig_hex.pop_back();
  if (!sm::sm2_verify(key, *mtext, sig_hex)) {
    problem("清单签名无效 / manifest signature invalid");
  } else {
    out += "✓ 清单签名有效 / manifest signature valid (key " + ledger::key_id_of(key) + ")\n";
  }
  // The checkpoint.
  ledger::Checkpoint cp;
  cp.size = cpj.value("size", std::int64_t{0});
  cp.time_ms = cpj.value("time", std::int64_t{0});
  cp.signature = cpj.value("signature", "");
  auto root = sm::digest_from_hex(cpj.value("root", ""));
  if (root) cp.root = *root;
  if (!root || !ledger::checkpoint_signature_ok(cp, key)) {
    problem("检查点签名无效 / checkpoint signature invalid");
  }
  // Files.
  std::set<std::string> listed{"manifest.json", "manifest.sig"};
  std::map<std::int64_t, std::string> named_by_event;  // event seq -> sm3 the file must have
  int files_ok = 0;
  for (const auto& f : m["files"]) {
    std::string name = f.value("path", "");
    listed.insert(name);
    auto h = hash_entry(z, name);
    if (!h) {
      problem("缺少文件 / missing file: " + name);
      continue;
    }
    if (h->sm3 != f.value("sm3", "") || h->sha256 != f.value("sha256", "") ||
        h->size != f.value("size", std::int64_t{-1})) {
      problem("文件内容与清单不符 / file altered: " + name);
      continue;
    }
    if (f.contains("event_seq")) named_by_event[f["event_seq"].get<std::int64_t>()] = h->sm3;
    ++files_ok;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (name && !listed.count(name))
      problem("清单外的文件 / file not in the manifest: " + std::string(name));
  }
  out += "✓ " + std::to_string(files_ok) + " 个文件哈希一致 / files match their SM3 and SHA-256\n";
  // Events.
  int events_ok = 0;
  for (const auto& e : m["events"]) {
    std::int64_t seq = e.value("seq", std::int64_t{0});
    ledger::Event ev;
    ev.at_ms = e.value("at", std::int64_t{0});
    if (!e["actor_id"].is_null()) ev.actor_id = e["actor_id"].get<std::int64_t>();
    ev.actor_name = e.value("actor_name", "");
    if (!e["org_id"].is_null()) ev.org_id = e["org_id"].get<std::int64_t>();
    ev.entity = e.value("entity", "");
    ev.entity_id = e.value("entity_id", "");
    ev.action = e.value("action", "");
    std::string payload_text = e.value("payload_text", "");
    ledger::Hash digest = sm::sm3(payload_text);
    ledger::Hash leaf = ledger::event_leaf_hash(seq, ev, digest);
    const json& p = e["proof"];
    std::vector<ledger::Hash> proof_path;
    bool parsed = true;
    for (const auto& h : p["path"]) {
      auto d = sm::digest_from_hex(h.get<std::string>());
      if (!d)
        parsed = false;
      else
        proof_path.push_back(*d);
    }
    if (!parsed || sm::to_hex(leaf) != e.value("leaf_hash", "") ||
        !ledger::merkle::verify_inclusion(static_cast<std::uint64_t>(seq - 1),
                                          static_cast<std::uint64_t>(cp.size), leaf, proof_path,
                                          cp.root)) {
      problem("账本事件 " + std::to_string(seq) + " 校验失败 / ledger event " +
              std::to_string(seq) + " does not verify against the checkpoint");
      continue;
    }
    auto it = named_by_event.find(seq);
    if (it != named_by_event.end()) {
      json payload = json::parse(payload_text, nullptr, false);
      if (!payload.is_object() || payload.value("sm3", "") != it->second) {
        problem("账本事件 " + std::to_string(seq) +
                " 记载的文件哈希与卷宗文件不符 / file differs from its ledger event");
      }
      named_by_event.erase(it);
    }
    ++events_ok;
  }
  for (const auto& [seq, h] : named_by_event) {
    problem("文件对应的账本事件 " + std::to_string(seq) + " 不在卷宗中 / ledger event missing");
  }
  out += "✓ " + std::to_string(events_ok) +
         " 条账本事件通过包含证明 / ledger events verified against checkpoint " +
         std::to_string(cp.size) + "\n";
  zip_close(z);
  out += ok ? "卷宗校验通过 / package verified\n" : "卷宗校验失败 / package verification FAILED\n";
  return ok;
}

}  // namespace zhifa::modules::documents
