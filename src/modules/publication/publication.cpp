#include "modules/publication/publication.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/dates.hpp"
#include "domain/doc_template.hpp"
#include "domain/fields.hpp"
#include "domain/masking.hpp"
#include "domain/search_terms.hpp"
#include "ledger/ledger.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/calendar.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "platform/sm.hpp"

namespace zhifa::modules::publication {
namespace {

using nlohmann::json;

constexpr const char* kSettingsKey = "publication.rules";

domain::PublicationSettings load_settings(db::Tx& tx) {
  auto rows = tx.query("SELECT value FROM settings WHERE key = ?", {std::string(kSettingsKey)});
  if (rows.empty()) return {};
  auto parsed = domain::parse_publication_settings(json::parse(rows[0].str(0)));
  if (!parsed) raise(parsed.error());
  return std::move(parsed).take();
}

template <typename T>
T must(Result<T> r) {
  if (!r) raise(r.error());
  return std::move(r).take();
}

// A text field of a request body: absent (or null when `nullable`) reads as nullopt; any other
// type than a string is refused with the field named.
std::optional<std::string> text_field(const json& body, const char* key, const char* zh,
                                      bool nullable = false) {
  if (!body.contains(key) || (nullable && body[key].is_null())) return std::nullopt;
  if (!body[key].is_string()) {
    raise(Error::invalid("input.type", std::string(zh) + "应为文字",
                         std::string(key) + " must be a string", key));
  }
  return body[key].get<std::string>();
}

Error rule_error(const domain::RuleCheck& r) {
  return Error{ErrorKind::kUnprocessable, r.code,
               r.article.empty() ? r.reason : r.reason + "(" + r.article + ")",
               "refused by " + r.code, "state"};
}

std::string title_of(const std::string& kind) {
  return kind == "penalty"   ? "行政处罚决定书"
         : kind == "licence" ? "行政许可决定书"
                             : "行政执法决定书";
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

bool sqlite(db::Tx& tx) { return tx.dialect() == db::Dialect::kSqlite; }

void index_remove(db::Tx& tx, std::int64_t id) {
  if (!sqlite(tx)) return;
  auto rows = tx.query("SELECT search_terms FROM publications WHERE id = ?", {id});
  if (rows.empty() || rows[0].is_null(0)) return;
  tx.exec(
      "INSERT INTO publication_search (publication_search, rowid, search_terms) VALUES "
      "('delete', ?, ?)",
      {id, rows[0].str(0)});
}

}  // namespace

// The decision of a case as made: what the public copy is made from, and the names to mask.
json case_source(db::Tx& tx, app::Env& env, std::int64_t case_id) {
  auto rows = tx.query(
      "SELECT c.org_id, o.name, c.decision_no, c.decided_on, c.party_name, c.party_type, "
      "c.field, c.summary, c.penalty, c.matter_id FROM cases c JOIN orgs o ON o.id = c.org_id "
      "WHERE c.id = ?",
      {case_id});
  if (rows.empty()) raise(Error::not_found("案件", "case"));
  auto r = rows[0];
  json s = {{"kind", "penalty"},
            {"org_id", r.i64(0)},
            {"body", r.str(1)},
            {"decision_no", r.str(2)},
            {"decided_on", r.str(3)},
            {"party", r.str(4)},
            {"party_type", r.str(5)},
            {"field", r.str(6)},
            {"matter", ""},
            {"basis", ""},
            {"result", ""}};
  std::string facts = r.str(7);
  if (!r.is_null(8)) s["result"] = domain::penalty_text(json::parse(r.str(8)));
  if (auto matter = r.opt_i64(9)) {
    auto m = tx.query("SELECT name, basis FROM matters WHERE id = ?", {*matter});
    if (!m.empty()) {
      s["matter"] = m[0].str(0);
      std::vector<std::string> cites;
      for (const auto& b : json::parse(m[0].str(1), nullptr, false)) {
        if (b.is_object() && !b.value("citation", "").empty()) cites.push_back(b["citation"]);
      }
      s["basis"] = join(cites, "、");
    }
  }
  // The facts as the decision states them: the latest step that wrote them.
  for (auto st : tx.query("SELECT action, note, data FROM case_steps WHERE case_id = ? ORDER BY id",
                          {case_id})) {
    json data = json::parse(st.str(2), nullptr, false);
    if (st.str(0) == "notify" && !st.str(1).empty()) facts = st.str(1);
    if (data.is_object() && data.contains("facts") && data["facts"].is_string() &&
        !data["facts"].get<std::string>().empty()) {
      facts = data["facts"];
    }
  }
  s["facts"] = facts;
  // Natural persons named: the party, and the persons of the records (questioned, present).
  std::set<std::string> names;
  if (r.str(5) == "person") names.insert(r.str(4));
  for (auto rec : tx.query("SELECT content FROM case_records WHERE case_id = ?", {case_id})) {
    if (!env.cipher) break;
    auto plain = env.cipher->decrypt(rec.str(0));
    if (!plain) continue;
    json c = json::parse(*plain, nullptr, false);
    if (!c.is_object()) continue;
    for (const char* key : {"person", "witness", "present", "recipient"}) {
      if (c.contains(key) && c[key].is_object() && c[key].value("name", "") != "") {
        names.insert(c[key]["name"].get<std::string>());
      } else if (c.contains(key) && c[key].is_string() && !c[key].get<std::string>().empty()) {
        names.insert(c[key].get<std::string>());
      }
    }
  }
  s["names"] = json(names);
  return s;
}

namespace {

struct Row {
  std::int64_t id = 0;
  std::optional<std::int64_t> case_id;
  std::int64_t org_id = 0;
  std::string org_name, kind, state, decision_no, decided_on, due_on, party_type, field;
  json source;
  std::optional<std::string> exempt_reason, exempt_note, title, public_text, public_sm3,
      published_on, expires_on, withdraw_kind, withdraw_reason, changed_on, withdraw_due,
      withdrawn_on, case_exempt;
  std::optional<std::int64_t> publish_seq, withdraw_seq, on_time;
  bool auto_published = false;
  std::int64_t version = 0, created_at = 0;
};

const char* kColumns =
    "p.id, p.case_id, p.org_id, o.name, p.kind, p.state, p.decision_no, p.decided_on, p.due_on, "
    "p.party_type, p.field, p.source, p.exempt_reason, p.exempt_note, p.title, p.public_text, "
    "p.public_sm3, p.published_on, p.expires_on, p.withdraw_kind, p.withdraw_reason, "
    "p.changed_on, p.withdraw_due, p.withdrawn_on, c.disclosure_exempt, p.publish_seq, "
    "p.withdraw_seq, p.on_time, p.auto_published, p.version, p.created_at";
const char* kFrom =
    " FROM publications p JOIN orgs o ON o.id = p.org_id LEFT JOIN cases c ON c.id = p.case_id";

Row row_of(const db::Row& r) {
  Row p;
  p.id = r.i64(0);
  p.case_id = r.opt_i64(1);
  p.org_id = r.i64(2);
  p.org_name = r.str(3);
  p.kind = r.str(4);
  p.state = r.str(5);
  p.decision_no = r.str(6);
  p.decided_on = r.str(7);
  p.due_on = r.str(8);
  p.party_type = r.str(9);
  p.field = r.str(10);
  p.source = json::parse(r.str(11), nullptr, false);
  p.exempt_reason = r.opt_str(12);
  p.exempt_note = r.opt_str(13);
  p.title = r.opt_str(14);
  p.public_text = r.opt_str(15);
  p.public_sm3 = r.opt_str(16);
  p.published_on = r.opt_str(17);
  p.expires_on = r.opt_str(18);
  p.withdraw_kind = r.opt_str(19);
  p.withdraw_reason = r.opt_str(20);
  p.changed_on = r.opt_str(21);
  p.withdraw_due = r.opt_str(22);
  p.withdrawn_on = r.opt_str(23);
  p.case_exempt = r.opt_str(24);
  p.publish_seq = r.opt_i64(25);
  p.withdraw_seq = r.opt_i64(26);
  p.on_time = r.opt_i64(27);
  p.auto_published = r.boolean(28);
  p.version = r.i64(29);
  p.created_at = r.i64(30);
  return p;
}

std::optional<Row> find(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(
      std::string("SELECT ") + kColumns + kFrom + " WHERE " + cond.sql + " AND p.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return row_of(rows[0]);
}

template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string state_label(const std::string& s) {
  static const std::map<std::string, std::string> k = {{"queued", "待公示"},
                                                       {"published", "已公示"},
                                                       {"exempt", "不予公开"},
                                                       {"withdrawn", "已撤回"},
                                                       {"expired", "已下网"}};
  auto it = k.find(s);
  return it == k.end() ? s : it->second;
}

json summary_json(const Row& p, const std::string& today) {
  json j = {{"id", p.id},
            {"case_id", opt(p.case_id)},
            {"org_id", p.org_id},
            {"org_name", p.org_name},
            {"kind", p.kind},
            {"kind_label", domain::publication_kind_label(p.kind)},
            {"state", p.state},
            {"state_label", state_label(p.state)},
            {"decision_no", p.decision_no},
            {"decided_on", p.decided_on},
            {"due_on", p.due_on},
            {"overdue", p.state == "queued" && p.due_on < today},
            {"party", p.source.value("party", "")},
            {"party_type", p.party_type},
            {"field", p.field},
            {"field_label", domain::field_label(p.field)},
            {"exempt_reason", opt(p.exempt_reason ? p.exempt_reason : p.case_exempt)},
            {"published_on", opt(p.published_on)},
            {"on_time", p.on_time ? json(*p.on_time != 0) : json(nullptr)},
            {"auto_published", p.auto_published},
            {"expires_on", opt(p.expires_on)},
            {"withdrawn_on", opt(p.withdrawn_on)},
            {"version", p.version}};
  if (p.state == "queued") j["days_left"] = domain::days_between(today, p.due_on);
  return j;
}

// Publishes row `p` (queued) in `tx`: the public copy, the search index, the ledger event.
void publish_in(db::Tx& tx, app::Env& env, const domain::Scope* actor, const Row& p,
                const domain::PublicationSettings& s, std::int64_t now, bool automatic) {
  std::string today = domain::shanghai_date(now);
  auto pub = make_public(p.source, today);
  bool on_time = today <= p.due_on;
  std::string expires = domain::retention_end(s, today, p.party_type == "person");
  std::string terms = pub.terms;
  if (tx.exec("UPDATE publications SET state = 'published', title = ?, public_text = ?, "
              "public_sm3 = ?, search_terms = ?, search_plain = ?, list_item = ?, published_on = "
              "?, published_at = ?, published_by = ?, on_time = ?, auto_published = ?, "
              "expires_on = ?, version = version + 1, updated_at = ? WHERE id = ? AND state = "
              "'queued'",
              {pub.title, pub.text, pub.sm3, terms, pub.plain, pub.list_item, today, now,
               actor ? db::Param(actor->user_id) : db::Param(nullptr), on_time, automatic, expires,
               now, p.id}) == 0) {
    raise(Error::conflict("publication.stale", "该决定已被他人处理,请刷新", "changed meanwhile"));
  }
  auto seq =
      record(tx, actor, now, p.org_id, "publication", std::to_string(p.id), "publication.publish",
             {{"case_id", opt(p.case_id)},
              {"decision_no", p.decision_no},
              {"kind", p.kind},
              {"published_on", today},
              {"due_on", p.due_on},
              {"on_time", on_time},
              {"automatic", automatic},
              {"text_sm3", pub.sm3}});
  tx.exec("UPDATE publications SET publish_seq = ? WHERE id = ?", {seq, p.id});
  index_published(tx, p.id, terms);
  (void)env;
}

std::string fts_phrase(const std::vector<std::string>& terms) {
  return "\"" + join(terms, " ") + "\"";
}

// What search_page reads of a result row.
constexpr const char* kListColumns =
    "p.id, p.list_item, CASE WHEN p.list_item IS NULL THEN p.public_text END";

// A search answer as JSON text: rows (id, list_item, public_text when list_item is missing) from
// `skip` on, at most a page of them, spliced as they were stored; `total` matches counted up to
// `cap` (0: all counted).
std::string search_page(const db::Rows& rows, std::size_t skip, std::int64_t total,
                        std::int64_t cap, const PublicQuery& q) {
  std::string out = "{\"items\":[";
  std::size_t shown = 0;
  for (std::size_t i = skip; i < rows.size() && shown < static_cast<std::size_t>(q.size); ++i) {
    auto r = rows[i];
    std::string item =
        r.is_null(1) ? list_item_of(json::parse(r.str(2), nullptr, false)) : r.str(1);
    if (item.size() < 2 || item.front() != '{') continue;
    if (shown++) out += ',';
    out += "{\"id\":" + std::to_string(r.i64(0));
    if (item.size() > 2) out += ',';
    out.append(item, 1);
  }
  bool more = cap > 0 && total > cap;
  if (cap > 0) total = std::min(total, cap);
  out += "],\"total\":" + std::to_string(total) + ",\"more\":" + (more ? "true" : "false") +
         ",\"page\":" + std::to_string(q.page) + ",\"page_size\":" + std::to_string(q.size) + "}";
  return out;
}

}  // namespace

// Keeps the search index (SQLite FTS5 over publications.search_terms) in step with the published
// rows; PostgreSQL's partial GIN index follows the state column by itself.
void index_published(db::Tx& tx, std::int64_t id, const std::string& terms) {
  if (sqlite(tx)) {
    tx.exec("INSERT INTO publication_search (rowid, search_terms) VALUES (?, ?)", {id, terms});
  }
}

// The fields a result list shows of a public copy, with an excerpt of the facts (the first 80
// characters), as a JSON object without the id (migration 0015 fills the same for older rows).
std::string list_item_of(const json& c) {
  std::string facts = c.value("facts", "");
  std::size_t cut = 0, chars = 0;
  while (cut < facts.size() && chars < 80) {
    auto ch = static_cast<unsigned char>(facts[cut]);
    cut += ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
    ++chars;
  }
  json item = {{"title", c.value("title", "")},
               {"decision_no", c.value("decision_no", "")},
               {"body", c.value("body", "")},
               {"kind", c.value("kind", "")},
               {"kind_label", c.value("kind_label", "")},
               {"field_label", c.value("field_label", "")},
               {"party", c.value("party", "")},
               {"decided_on", c.value("decided_on", "")},
               {"published_on", c.value("published_on", "")},
               {"result", c.value("result", "")},
               {"excerpt", facts.substr(0, std::min(cut, facts.size()))}};
  return item.dump();
}

PublicText make_public(const json& source, const std::string& published_on) {
  PublicText out;
  out.copy = public_copy(source, published_on);
  out.text = out.copy.dump();
  out.sm3 = sm::to_hex(sm::sm3(out.text));
  auto leaks = domain::personal_data_in(out.text);
  if (!leaks.empty()) {
    raise(Error{ErrorKind::kUnprocessable, "publication.personal_data",
                "公开文本仍含个人信息(" + join(leaks, "、") + "),请检查后再发布",
                "the public copy still holds personal data", "source"});
  }
  const json& c = out.copy;
  out.title = c["title"];
  out.list_item = list_item_of(c);
  auto [terms, plain] =
      search_text(c, source.value("kind", "penalty"), source.value("field", ""),
                  source.value("org_id", std::int64_t{0}), source.value("decided_on", ""));
  out.terms = std::move(terms);
  out.plain = std::move(plain);
  return out;
}

std::pair<std::string, std::string> search_text(const json& c, const std::string& kind,
                                                const std::string& field, std::int64_t org_id,
                                                const std::string& decided_on) {
  std::string text = c.value("title", "") + " " + c.value("decision_no", "") + " " +
                     c.value("party", "") + " " + c.value("body", "") + " " +
                     c.value("matter", "") + " " + c.value("facts", "") + " " +
                     c.value("basis", "") + " " + c.value("result", "");
  std::string terms = domain::index_terms(text) + " " + domain::filter_term('k', kind) + " " +
                      domain::filter_term('f', field) + " " +
                      domain::filter_term('o', std::to_string(org_id)) + " " +
                      domain::date_terms(decided_on) + " " + domain::filter_term('z', "all");
  return {std::move(terms), std::move(text)};
}

void reindex_published(db::Tx& tx) {
  // In batches by id, so a large register is never held in memory at once.
  for (std::int64_t after = 0;;) {
    auto rows = tx.query(
        "SELECT id, public_text, kind, field, org_id, decided_on FROM publications WHERE state = "
        "'published' AND public_text IS NOT NULL AND id > ? ORDER BY id LIMIT 2000",
        {after});
    if (rows.empty()) break;
    for (auto r : rows) {
      after = r.i64(0);
      json c = json::parse(r.str(1), nullptr, false);
      if (!c.is_object()) continue;
      auto [terms, plain] = search_text(c, r.str(2), r.str(3), r.i64(4), r.str(5));
      tx.exec("UPDATE publications SET search_terms = ?, search_plain = ? WHERE id = ?",
              {terms, plain, after});
    }
  }
  if (sqlite(tx)) {
    tx.exec("INSERT INTO publication_search (publication_search) VALUES ('delete-all')");
    tx.exec(
        "INSERT INTO publication_search (rowid, search_terms) SELECT id, search_terms FROM "
        "publications WHERE state = 'published' AND search_terms IS NOT NULL");
    // One segment again: a search then reads each term's list once (a third faster here).
    tx.exec("INSERT INTO publication_search (publication_search) VALUES ('optimize')");
  }
}

// What the desk's keyword search reads: the number, the party and the facts.
std::string desk_text(const json& source) {
  return source.value("decision_no", "") + " " + source.value("party", "") + " " +
         source.value("facts", "");
}

json public_copy(const json& source, const std::string& published_on) {
  bool person = source.value("party_type", "") == "person";
  domain::MaskOptions o;
  o.names = source.value("names", std::vector<std::string>{});
  o.person_party = person;
  std::string party = source.value("party", "");
  std::string kind = source.value("kind", "penalty");
  auto m = [&](const char* key) { return domain::mask_text(source.value(key, ""), o); };
  std::string body = source.value("body", "");
  return {{"title", body + title_of(kind)},
          {"body", body},
          {"decision_no", source.value("decision_no", "")},
          {"kind", kind},
          {"kind_label", domain::publication_kind_label(kind)},
          {"decided_on", source.value("decided_on", "")},
          {"published_on", published_on},
          {"party", person ? domain::mask_name(party) : domain::mask_text(party, o)},
          {"party_type", person ? "person" : "organisation"},
          {"field", source.value("field", "")},
          {"field_label", domain::field_label(source.value("field", ""))},
          // The matter and its legal basis are the catalogue's public text.
          {"matter", source.value("matter", "")},
          {"facts", m("facts")},
          {"basis", source.value("basis", "")},
          {"result", m("result")}};
}

std::string PublicationService::today() const { return domain::shanghai_date(env_.now()); }

void PublicationService::enqueue_case(db::Tx& tx, const domain::Scope* actor, std::int64_t case_id,
                                      std::int64_t now) {
  if (tx.scalar_i64("SELECT COUNT(*) FROM publications WHERE case_id = ?", {case_id}) > 0) return;
  json source = case_source(tx, env_, case_id);
  auto settings = load_settings(tx);
  auto cal = working_calendar(tx);
  std::string decided = source["decided_on"];
  std::string due = must(domain::publication_due(*cal, settings, "penalty", decided));
  auto flag = tx.query("SELECT disclosure_exempt FROM cases WHERE id = ?", {case_id});
  std::optional<std::string> exempt = flag.empty() ? std::nullopt : flag[0].opt_str(0);
  std::int64_t org_id = source["org_id"];
  std::int64_t id = tx.insert(
      "INSERT INTO publications (case_id, org_id, kind, state, decision_no, decided_on, due_on, "
      "party_type, field, source, exempt_reason, created_at, created_by, updated_at, desk_text) "
      "VALUES (?, ?, 'penalty', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {case_id, org_id, std::string(exempt ? "exempt" : "queued"),
       source["decision_no"].get<std::string>(), decided, due,
       source["party_type"].get<std::string>(), source["field"].get<std::string>(), source.dump(),
       exempt, now, actor ? db::Param(actor->user_id) : db::Param(nullptr), now,
       desk_text(source)});
  record(tx, actor, now, org_id, "publication", std::to_string(id), "publication.queue",
         {{"case_id", case_id},
          {"decision_no", source["decision_no"]},
          {"due_on", due},
          {"exempt", opt(exempt)}});
  if (!exempt && settings.auto_publish.contains(org_id)) {
    auto rows = tx.query(std::string("SELECT ") + kColumns + kFrom + " WHERE p.id = ?", {id});
    publish_in(tx, env_, actor, row_of(rows[0]), settings, now, true);
  }
}

Result<json> PublicationService::create(const domain::Scope& scope, const json& body) {
  auto text = [&](const char* key, const char* zh, std::size_t max, bool required) {
    std::string v = text_field(body, key, zh).value_or("");
    if (required && v.empty()) {
      raise(Error::invalid("publication.input", std::string("请填写") + zh,
                           std::string(key) + " is required", key));
    }
    if (v.size() > max) {
      raise(Error::invalid("publication.input", std::string(zh) + "过长",
                           std::string(key) + " is too long", key));
    }
    return v;
  };
  std::string kind = text("kind", "决定类别", 20, true);
  if (kind != "licence" && kind != "other") {
    return Error::invalid("publication.kind", "手工登记的决定应为行政许可或其他行政执法决定",
                          "kind must be licence or other (penalties come from cases)", "kind");
  }
  if (!body.contains("org_id") || !body["org_id"].is_number_integer()) {
    return Error::invalid("publication.input", "请选择作出决定的执法主体", "org_id is required",
                          "org_id");
  }
  std::int64_t org_id = body["org_id"];
  std::string decision_no = text("decision_no", "决定文号", 100, true);
  std::string decided_on = text("decided_on", "决定日期", 10, true);
  if (!domain::is_valid_date(decided_on) || decided_on > today()) {
    return Error::invalid("publication.date", "决定日期无效或晚于今天", "bad decision date",
                          "decided_on");
  }
  std::string party = text("party", "相对人名称", 200, true);
  std::string party_type = text("party_type", "相对人类型", 20, true);
  if (party_type != "person" && party_type != "organisation") {
    return Error::invalid("publication.party_type", "相对人类型应为自然人或单位",
                          "party_type must be person or organisation", "party_type");
  }
  std::string category = text("category", "决定种类", 20, false);
  static const std::set<std::string> kCategories = {
      "", "levy", "inspection", "coercive", "confirmation", "payment", "reward", "ruling", "other"};
  if (kind == "licence") category.clear();
  if (!kCategories.contains(category)) {
    return Error::invalid("publication.category",
                          "决定种类应为行政征收、行政检查、行政强制、行政确认、行政给付、行政奖励、"
                          "行政裁决或其他",
                          "unknown category", "category");
  }
  std::string field = text("field", "执法领域", 40, true);
  if (!domain::is_known_field(field)) {
    return Error::invalid("publication.field", "未知的执法领域: " + field, "unknown field",
                          "field");
  }
  json names = json::array();
  if (party_type == "person") names.push_back(party);
  if (body.contains("names") && !body["names"].is_null()) {
    const auto& list = body["names"];
    if (!list.is_array() ||
        std::any_of(list.begin(), list.end(), [](const json& n) { return !n.is_string(); })) {
      return Error::invalid("input.type", "需隐去的姓名应为文字列表",
                            "names must be a list of strings", "names");
    }
    for (const auto& n : list) {
      if (!n.get<std::string>().empty()) names.push_back(n);
    }
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    auto cond = org_scope(scope, "o", "");
    db::Params params = cond.params;
    params.emplace_back(org_id);
    auto org =
        tx.query("SELECT o.name, o.kind FROM orgs o WHERE " + cond.sql + " AND o.id = ?", params);
    if (org.empty() || org[0].str(1) != "body") return Error::not_found("执法主体", "body");
    json source = {{"kind", kind},
                   {"org_id", org_id},
                   {"body", org[0].str(0)},
                   {"decision_no", decision_no},
                   {"decided_on", decided_on},
                   {"party", party},
                   {"party_type", party_type},
                   {"field", field},
                   {"matter", text("matter", "事项", 500, false)},
                   {"facts", text("content", "决定内容", 20000, true)},
                   {"basis", text("basis", "依据", 2000, false)},
                   {"result", text("result", "决定结果", 2000, false)},
                   {"names", names}};
    if (!category.empty()) source["category"] = category;
    if (tx.scalar_i64("SELECT COUNT(*) FROM publications WHERE org_id = ? AND decision_no = ?",
                      {org_id, decision_no}) > 0) {
      return Error::conflict("publication.duplicate",
                             "该执法主体已登记过决定文号 " + decision_no + ",请勿重复登记",
                             "this body already registered that decision number", "decision_no");
    }
    auto settings = load_settings(tx);
    auto cal = working_calendar(tx);
    std::string due = must(domain::publication_due(*cal, settings, kind, decided_on));
    std::int64_t id = tx.insert(
        "INSERT INTO publications (org_id, kind, state, decision_no, decided_on, due_on, "
        "party_type, field, source, created_at, created_by, updated_at, desk_text) VALUES (?, ?, "
        "'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {org_id, kind, decision_no, decided_on, due, party_type, field, source.dump(), now,
         scope.user_id, now, desk_text(source)});
    record(tx, &scope, now, org_id, "publication", std::to_string(id), "publication.queue",
           {{"kind", kind}, {"decision_no", decision_no}, {"due_on", due}});
    if (settings.auto_publish.contains(org_id)) {
      auto rows = tx.query(std::string("SELECT ") + kColumns + kFrom + " WHERE p.id = ?", {id});
      publish_in(tx, env_, &scope, row_of(rows[0]), settings, now, true);
    }
    return id;
  });
  if (!r) return r.error();
  return get(scope, *r);
}

json PublicationService::list(const domain::Scope& scope, const DeskFilter& f, std::int64_t page,
                              std::int64_t size) {
  auto tx = env_.db->read();
  std::string d = today();
  auto cond = org_scope(scope, "o", "");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  if (f.state == "overdue") {
    where += " AND p.state = 'queued' AND p.due_on < ?";
    params.emplace_back(d);
  } else if (f.state) {
    where += " AND p.state = ?";
    params.emplace_back(*f.state);
  }
  if (f.org_id) {
    where += " AND p.org_id = ?";
    params.emplace_back(*f.org_id);
  }
  if (f.kind) {
    where += " AND p.kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.q && !f.q->empty()) {
    where += " AND (" + sql_contains(*tx, "p.decision_no") + " OR " +
             sql_contains(*tx, "p.desk_text") + ")";
    params.emplace_back(*f.q);
    params.emplace_back(*f.q);
  }
  std::int64_t total = 0;
  std::string order = f.state == "queued" || f.state == "overdue" ? " ORDER BY p.due_on, p.id"
                                                                  : " ORDER BY p.id DESC";
  auto rows = fetch_page(*tx, std::string("SELECT ") + kColumns, kFrom + where, order, params, size,
                         (page - 1) * size, total);
  json items = json::array();
  for (auto r : rows) items.push_back(summary_json(row_of(r), d));
  // Counts by state for the desk's tabs.
  json counts = {{"queued", 0}, {"published", 0}, {"exempt", 0}, {"withdrawn", 0}, {"expired", 0}};
  for (auto r : tx->query("SELECT p.state, COUNT(*) FROM publications p JOIN orgs o ON o.id = "
                          "p.org_id WHERE " +
                              cond.sql + " GROUP BY p.state",
                          cond.params)) {
    counts[r.str(0)] = r.i64(1);
  }
  db::Params op = cond.params;
  op.emplace_back(d);
  counts["overdue"] =
      tx->scalar_i64("SELECT COUNT(*) FROM publications p JOIN orgs o ON o.id = p.org_id WHERE " +
                         cond.sql + " AND p.state = 'queued' AND p.due_on < ?",
                     op);
  return {
      {"items", items}, {"total", total}, {"page", page}, {"page_size", size}, {"counts", counts}};
}

Result<json> PublicationService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto p = find(*tx, scope, id);
  if (!p) return Error::not_found("公示决定", "publication");
  json j = summary_json(*p, today());
  j["source"] = p->source;
  j["source"].erase("names");
  j["masked_names"] = p->source.value("names", json::array());
  if (p->public_text) {
    j["public"] = json::parse(*p->public_text);
    j["public_sm3"] = opt(p->public_sm3);
    j["publish_seq"] = opt(p->publish_seq);
  } else {
    j["public"] = public_copy(p->source, p->published_on.value_or(today()));
    j["preview"] = true;
  }
  j["exempt_note"] = opt(p->exempt_note);
  j["exempt_label"] = p->exempt_reason || p->case_exempt
                          ? json(domain::exempt_reason_label(p->exempt_reason ? *p->exempt_reason
                                                                              : *p->case_exempt))
                          : json(nullptr);
  if (p->withdraw_kind) {
    j["withdrawal"] = {
        {"kind", *p->withdraw_kind},
        {"kind_label", domain::withdraw_kind_label(*p->withdraw_kind)},
        {"reason", opt(p->withdraw_reason)},
        {"changed_on", opt(p->changed_on)},
        {"due_on", opt(p->withdraw_due)},
        {"withdrawn_on", opt(p->withdrawn_on)},
        {"on_time", p->withdrawn_on && p->withdraw_due && *p->withdrawn_on <= *p->withdraw_due}};
  }
  j["url"] = p->published_on && (p->state == "published" || p->state == "withdrawn")
                 ? json("/portal/decisions/" + std::to_string(p->id))
                 : json(nullptr);
  return j;
}

Result<json> PublicationService::publish(const domain::Scope& scope, std::int64_t id,
                                         std::int64_t version) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto p = find(tx, scope, id);
    if (!p) return Error::not_found("公示决定", "publication");
    if (p->version != version) {
      return Error::conflict("publication.stale", "该决定已被他人处理,请刷新后再操作",
                             "the publication changed since it was loaded", "version");
    }
    if (p->state != "queued") {
      return Error::conflict("publication.state", "该决定" + state_label(p->state) + ",不能发布",
                             "only a queued decision is published", "state");
    }
    if (auto check = domain::check_publishable(p->case_exempt.value_or("")); !check.allowed) {
      return rule_error(check);
    }
    publish_in(tx, env_, &scope, *p, load_settings(tx), now, false);
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

Result<json> PublicationService::exempt(const domain::Scope& scope, std::int64_t id,
                                        const json& body) {
  std::string reason = text_field(body, "reason", "不予公开的理由").value_or("");
  std::string note = text_field(body, "note", "具体情况").value_or("");
  if (!domain::is_exempt_reason(reason)) {
    return Error::invalid("publication.exempt_reason",
                          "不予公开的理由应为涉及未成年人、国家秘密或个人隐私",
                          "reason must be minor, secret or privacy", "reason");
  }
  if (note.empty()) {
    return Error::invalid("publication.note", "请说明不予公开的具体情况", "give the details",
                          "note");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto p = find(tx, scope, id);
    if (!p) return Error::not_found("公示决定", "publication");
    if (p->state != "queued" && p->state != "published") {
      return Error::conflict("publication.state", "该决定" + state_label(p->state) + ",不能再标记",
                             "only a queued or published decision", "state");
    }
    if (p->state == "published") index_remove(tx, p->id);
    tx.exec(
        "UPDATE publications SET state = 'exempt', exempt_reason = ?, exempt_note = ?, "
        "version = version + 1, updated_at = ? WHERE id = ?",
        {reason, note, now, p->id});
    if (p->case_id) {
      tx.exec("UPDATE cases SET disclosure_exempt = ?, disclosure_note = ? WHERE id = ?",
              {reason, note, *p->case_id});
    }
    record(tx, &scope, now, p->org_id, "publication", std::to_string(p->id), "publication.exempt",
           {{"reason", reason}, {"note", note}, {"was", p->state}, {"case_id", opt(p->case_id)}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

Result<json> PublicationService::withdraw(const domain::Scope& scope, std::int64_t id,
                                          const json& body) {
  std::string kind = text_field(body, "kind", "撤回原因").value_or("");
  std::string reason = text_field(body, "reason", "撤回理由").value_or("");
  std::string changed_on = text_field(body, "changed_on", "变更日期").value_or(today());
  if (!domain::is_withdraw_kind(kind)) {
    return Error::invalid("publication.withdraw_kind", "撤回的原因应为决定变更、撤销或被确认无效",
                          "kind must be changed, revoked or void", "kind");
  }
  if (reason.empty() || reason.size() > 2000) {
    return Error::invalid("publication.reason", "请写明撤回的理由(不超过 600 字)",
                          "give the reason", "reason");
  }
  if (!domain::is_valid_date(changed_on) || changed_on > today()) {
    return Error::invalid("publication.changed_on", "决定变更(撤销、确认无效)的日期无效或晚于今天",
                          "bad changed_on", "changed_on");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto p = find(tx, scope, id);
    if (!p) return Error::not_found("公示决定", "publication");
    if (p->state != "published" && p->state != "queued") {
      return Error::conflict("publication.state", "该决定" + state_label(p->state) + ",不能撤回",
                             "only a published or queued decision is withdrawn", "state");
    }
    if (changed_on < p->decided_on) {
      return Error::invalid("publication.changed_on", "变更日期不能早于决定日期",
                            "changed before it was decided", "changed_on");
    }
    auto settings = load_settings(tx);
    auto cal = working_calendar(tx);
    std::string due = must(domain::withdrawal_due(*cal, settings, changed_on));
    domain::MaskOptions o;
    o.names = p->source.value("names", std::vector<std::string>{});
    o.person_party = p->party_type == "person";
    std::string public_reason = domain::mask_text(reason, o);
    std::string d = today();
    if (p->state == "published") index_remove(tx, p->id);
    std::int64_t seq = record(tx, &scope, now, p->org_id, "publication", std::to_string(p->id),
                              "publication.withdraw",
                              {{"kind", kind},
                               {"reason", public_reason},
                               {"changed_on", changed_on},
                               {"due_on", due},
                               {"withdrawn_on", d},
                               {"was", p->state}});
    tx.exec(
        "UPDATE publications SET state = 'withdrawn', withdraw_kind = ?, withdraw_reason = ?, "
        "changed_on = ?, withdraw_due = ?, withdrawn_on = ?, withdraw_seq = ?, version = "
        "version + 1, updated_at = ? WHERE id = ?",
        {kind, public_reason, changed_on, due, d, seq, now, p->id});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

Result<json> PublicationService::flag_case(const domain::Scope& scope, std::int64_t case_id,
                                           const json& body) {
  std::optional<std::string> reason = text_field(body, "reason", "不予公开的理由", true);
  std::string note = text_field(body, "note", "具体情况", true).value_or("");
  if (reason && !domain::is_exempt_reason(*reason)) {
    return Error::invalid("publication.exempt_reason",
                          "不予公开的理由应为涉及未成年人、国家秘密或个人隐私",
                          "reason must be minor, secret or privacy", "reason");
  }
  if (note.empty()) {
    // Setting the flag or taking it away: either is explained (a minor's case published is
    // irreversible).
    return Error::invalid("publication.note",
                          reason ? "请说明不予公开的具体情况" : "请说明取消不予公开标记的理由",
                          "give the details", "note");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto cond = org_scope(scope, "o", "");
    db::Params params = cond.params;
    params.emplace_back(case_id);
    auto c = tx.query("SELECT c.org_id FROM cases c JOIN orgs o ON o.id = c.org_id WHERE " +
                          cond.sql + " AND c.id = ?",
                      params);
    if (c.empty()) return Error::not_found("案件", "case");
    tx.exec("UPDATE cases SET disclosure_exempt = ?, disclosure_note = ? WHERE id = ?",
            {reason, reason ? db::Param(note) : db::Param(nullptr), case_id});
    // A flagged case's decision leaves the queue and, if it was published, the portal.
    auto pub = tx.query("SELECT id, state FROM publications WHERE case_id = ?", {case_id});
    if (!pub.empty()) {
      std::int64_t pid = pub[0].i64(0);
      std::string state = pub[0].str(1);
      if (reason && (state == "queued" || state == "published")) {
        if (state == "published") index_remove(tx, pid);
        tx.exec(
            "UPDATE publications SET state = 'exempt', exempt_reason = ?, exempt_note = ?, "
            "version = version + 1, updated_at = ? WHERE id = ?",
            {*reason, note, now, pid});
      } else if (!reason && state == "exempt") {
        tx.exec(
            "UPDATE publications SET state = 'queued', exempt_reason = NULL, exempt_note = "
            "NULL, version = version + 1, updated_at = ? WHERE id = ? AND published_on IS "
            "NULL",
            {now, pid});
      }
    }
    record(tx, &scope, now, c[0].i64(0), "case", std::to_string(case_id), "case.disclosure",
           {{"exempt", opt(reason)}, {"note", note}});
    // What became of its decision's publication: a decision once published and then flagged
    // stays off the portal when the flag goes (publishing it again is a new decision).
    auto after = tx.query("SELECT id, state FROM publications WHERE case_id = ?", {case_id});
    return json{{"case_id", case_id},
                {"disclosure_exempt", opt(reason)},
                {"disclosure_note", note},
                {"publication_id", after.empty() ? json(nullptr) : json(after[0].i64(0))},
                {"publication_state", after.empty() ? json(nullptr) : json(after[0].str(1))}};
  });
  return r;
}

json PublicationService::settings() {
  auto tx = env_.db->read();
  json j = domain::to_json(load_settings(*tx));
  json bodies = json::array();
  for (auto id : j["auto_publish"]) {
    auto rows = tx->query("SELECT name FROM orgs WHERE id = ?", {id.get<std::int64_t>()});
    bodies.push_back({{"id", id}, {"name", rows.empty() ? "" : rows[0].str(0)}});
  }
  j["auto_publish_bodies"] = bodies;
  return j;
}

Result<json> PublicationService::put_settings(const domain::Scope& scope, const json& body) {
  if (!body.is_object()) {
    return Error::invalid("publication.settings", "公示设置应为对象", "settings must be an object");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    // The keys sent change; the others keep their stored values.
    json merged = domain::to_json(load_settings(tx));
    for (const auto& [k, v] : body.items()) merged[k] = v;
    auto parsed = domain::parse_publication_settings(merged);
    if (!parsed) return parsed.error();
    for (auto id : parsed->auto_publish) {
      if (tx.scalar_i64("SELECT COUNT(*) FROM orgs WHERE id = ? AND kind = 'body'", {id}) == 0) {
        return Error::invalid("publication.settings",
                              "自动发布的执法主体不存在: " + std::to_string(id), "unknown body",
                              "auto_publish");
      }
    }
    json before = domain::to_json(load_settings(tx));
    json after = domain::to_json(*parsed);
    tx.exec(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON "
        "CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        {std::string(kSettingsKey), after.dump(), now, scope.user_id});
    record(tx, &scope, now, std::nullopt, "settings", kSettingsKey, "settings.publication",
           {{"before", before}, {"after", after}});
    return Ok{};
  });
  if (!r) return r.error();
  return settings();
}

int PublicationService::take_down_expired() {
  std::int64_t now = env_.now();
  std::string d = today();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<int> {
    int n = 0;
    auto rows = tx.query(
        "SELECT id, org_id, expires_on FROM publications WHERE state = 'published' AND "
        "expires_on <= ? ORDER BY id LIMIT 5000",
        {d});
    for (auto row : rows) {
      std::int64_t id = row.i64(0);
      index_remove(tx, id);
      tx.exec(
          "UPDATE publications SET state = 'expired', taken_down_at = ?, version = version + "
          "1, updated_at = ? WHERE id = ?",
          {now, now, id});
      record(tx, nullptr, now, row.i64(1), "publication", std::to_string(id),
             "publication.take_down", {{"expires_on", row.str(2)}});
      ++n;
    }
    return n;
  });
  return r ? *r : 0;
}

json PublicationService::timeliness(const domain::Scope& scope, int year) {
  auto tx = env_.db->read();
  std::string d = today();
  auto cond = org_scope(scope, "o", "");
  db::Params params = {d, d};
  params.insert(params.end(), cond.params.begin(), cond.params.end());
  params.emplace_back(std::to_string(year) + "-01-01");
  params.emplace_back(std::to_string(year) + "-12-31");
  json bodies = json::array();
  std::int64_t t_total = 0, t_on = 0, t_late = 0, t_over = 0, t_wait = 0;
  for (auto r : tx->query(
           "SELECT o.id, o.name, COUNT(*), "
           "SUM(CASE WHEN p.on_time = 1 THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN p.on_time = 0 THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN p.state = 'queued' AND p.due_on < ? THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN p.state = 'queued' AND p.due_on >= ? THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN p.state = 'exempt' THEN 1 ELSE 0 END) "
           "FROM publications p JOIN orgs o ON o.id = p.org_id WHERE " +
               cond.sql +
               " AND p.decided_on >= ? AND p.decided_on <= ? GROUP BY o.id, o.name ORDER BY o.id",
           params)) {
    std::int64_t on = r.i64(3), late = r.i64(4), over = r.i64(5), wait = r.i64(6);
    std::int64_t due = on + late + over;
    bodies.push_back(
        {{"org_id", r.i64(0)},
         {"org_name", r.str(1)},
         {"total", r.i64(2)},
         {"on_time", on},
         {"late", late},
         {"overdue", over},
         {"waiting", wait},
         {"exempt", r.i64(7)},
         {"rate", due ? json(static_cast<double>(on) / static_cast<double>(due)) : json(nullptr)}});
    t_total += r.i64(2);
    t_on += on;
    t_late += late;
    t_over += over;
    t_wait += wait;
  }
  std::int64_t due = t_on + t_late + t_over;
  // Worst first: the lowest share on time, then most overdue.
  std::stable_sort(bodies.begin(), bodies.end(), [](const json& a, const json& b) {
    double ra = a["rate"].is_null() ? 2.0 : a["rate"].get<double>();
    double rb = b["rate"].is_null() ? 2.0 : b["rate"].get<double>();
    if (ra != rb) return ra < rb;
    return a["overdue"].get<std::int64_t>() > b["overdue"].get<std::int64_t>();
  });
  return {
      {"year", year},
      {"total", t_total},
      {"on_time", t_on},
      {"late", t_late},
      {"overdue", t_over},
      {"waiting", t_wait},
      {"rate", due ? json(static_cast<double>(t_on) / static_cast<double>(due)) : json(nullptr)},
      {"bodies", bodies}};
}

json PublicationService::reminders(const domain::Scope& scope) {
  json items = json::array();
  if (!scope.has("publish:queue:list")) return {{"items", items}, {"overdue", 0}, {"due", 0}};
  auto tx = env_.db->read();
  std::string d = today();
  auto settings = load_settings(*tx);
  auto cal = working_calendar(*tx);
  auto until = cal->add_working_days(d, settings.remind_days);
  std::string limit = until ? *until : domain::add_days(d, settings.remind_days);
  auto cond = org_scope(scope, "o", "");
  const std::string from = " FROM publications p JOIN orgs o ON o.id = p.org_id WHERE " + cond.sql +
                           " AND p.state = 'queued'";
  // Those still to be published in time first (the nearest deadline first), then the overdue
  // (the most recently missed first); at most 50 in all, with the counts of both.
  auto add = [&](const std::string& where, const std::string& order, db::Params params,
                 std::int64_t room) {
    params.emplace_back(room);
    for (auto r : tx->query(
             "SELECT p.id, p.decision_no, o.name, p.due_on" + from + where + order + " LIMIT ?",
             params)) {
      std::string due = r.str(3);
      int left = domain::days_between(d, due);
      std::string when = left < 0    ? "已超期 " + std::to_string(-left) + " 天"
                         : left == 0 ? "今天到期"
                                     : "还剩 " + std::to_string(left) + " 天";
      items.push_back({{"publication_id", r.i64(0)},
                       {"org_name", r.str(2)},
                       {"kind", "publication"},
                       {"due", due},
                       {"overdue", due < d},
                       {"days_left", left},
                       {"text", "【" + when + "】" + r.str(2) + "决定 " + r.str(1) + " 应于 " +
                                    due + " 前公示"}});
    }
  };
  db::Params soon = cond.params;
  soon.emplace_back(d);
  soon.emplace_back(limit);
  db::Params late = cond.params;
  late.emplace_back(d);
  add(" AND p.due_on >= ? AND p.due_on <= ?", " ORDER BY p.due_on, p.id", soon, 50);
  add(" AND p.due_on < ?", " ORDER BY p.due_on DESC, p.id", late,
      50 - static_cast<std::int64_t>(items.size()));
  return {{"items", items},
          {"due",
           tx->scalar_i64("SELECT COUNT(*)" + from + " AND p.due_on >= ? AND p.due_on <= ?", soon)},
          {"overdue", tx->scalar_i64("SELECT COUNT(*)" + from + " AND p.due_on < ?", late)}};
}

// ---- 行政执法专栏 ------------------------------------------------------------------------------

PublicationService::PublicationService(app::Env& env)
    : env_(env),
      answers_(std::make_shared<AnswerCache>(
          static_cast<std::size_t>(std::max(0, env.config.portal.search_cache_entries)),
          64u << 20)) {}

std::string PublicationService::public_search(const PublicQuery& q) {
  auto tx = env_.db->read();
  // The same question at the same generation of the published decisions has the same answer
  // (the generation moves in every transaction that changes one; migration 0015). Today's date
  // is part of the question: an open date range ends this year.
  std::int64_t generation =
      tx->scalar_i64("SELECT generation FROM publication_generation WHERE id = 1");
  std::string key =
      json::array({q.q, q.org_id ? *q.org_id : 0, q.field.value_or(""), q.kind.value_or(""),
                   q.from.value_or(""), q.to.value_or(""), q.page, q.size, today()})
          .dump();
  if (auto kept = answers_->get(key, generation)) return *kept;
  std::string answer = search_answer(*tx, q);
  answers_->put(key, generation, answer);
  return answer;
}

std::string PublicationService::search_answer(db::Tx& read, const PublicQuery& q) {
  db::Tx* tx = &read;
  bool lite = sqlite(*tx);
  std::vector<std::vector<std::string>> terms;  // phrases, all required
  bool single = false;
  std::string needle;
  if (!q.q.empty()) {
    auto qt = domain::query_terms(q.q);
    terms = qt.phrases;
    single = qt.single_only;
    needle = q.q;
  }
  std::vector<std::string> filters;
  if (q.kind) filters.push_back(domain::filter_term('k', *q.kind));
  if (q.field) filters.push_back(domain::filter_term('f', *q.field));
  if (q.org_id) filters.push_back(domain::filter_term('o', std::to_string(*q.org_id)));
  bool dates = q.from || q.to;
  // A decision number is looked up as such (the register's index), in any of its spellings.
  if (auto forms = domain::decision_number_forms(q.q); !forms.empty()) {
    std::string where = " WHERE p.state = 'published' AND p.decision_no IN (";
    db::Params params;
    for (std::size_t i = 0; i < forms.size(); ++i) {
      where += i ? ", ?" : "?";
      params.emplace_back(forms[i]);
    }
    where += ")";
    auto also = [&](const char* column, const std::optional<std::string>& v, const char* op) {
      if (!v) return;
      where += std::string(" AND p.") + column + " " + op + " ?";
      params.emplace_back(*v);
    };
    also("kind", q.kind, "=");
    also("field", q.field, "=");
    also("decided_on", q.from, ">=");
    also("decided_on", q.to, "<=");
    if (q.org_id) {
      where += " AND p.org_id = ?";
      params.emplace_back(*q.org_id);
    }
    auto rows = tx->query(std::string("SELECT ") + kListColumns + " FROM publications p" + where +
                              " ORDER BY p.id DESC LIMIT 50",
                          params);
    if (!rows.empty()) {
      return search_page(rows, static_cast<std::size_t>((q.page - 1) * q.size),
                         static_cast<std::int64_t>(rows.size()), 0, q);
    }
  }
  // Counting stops at 1,000 matches (50 pages): pages beyond are not offered; a searcher narrows
  // the search instead. Counting further costs most of a common word's search.
  constexpr std::int64_t kCountCap = 1000;
  std::string count_sql, page_sql;
  db::Params params;
  bool nothing = !q.q.empty() && terms.empty() && !single;  // only punctuation
  if (lite && !single && !nothing && (!terms.empty() || !filters.empty() || dates)) {
    // The index drives, in its own order (newest first), so a page stops after its rows and a
    // count reads no table rows (CROSS JOIN keeps SQLite from probing the index row by row). It
    // holds published rows only; every row has the term "zall".
    std::string match;
    for (const auto& phrase : terms) match += (match.empty() ? "" : " AND ") + fts_phrase(phrase);
    for (const auto& f : filters) match += (match.empty() ? "" : " AND ") + f;
    if (match.empty()) match = domain::filter_term('z', "all");
    if (dates) {
      // The range as year, month and day terms (each decision carries its own).
      std::string today_year = std::to_string(domain::year_of(today()));
      auto days = domain::date_range_terms(q.from.value_or("2000-01-01"),
                                           q.to.value_or(today_year + "-12-31"));
      if (days.empty()) days.push_back(domain::filter_term('d', "none"));
      match += " AND (" + join(days, " OR ") + ")";
    }
    params.emplace_back(match);
    std::string where = " WHERE publication_search MATCH ?";
    count_sql = "SELECT COUNT(*) FROM (SELECT 1 FROM publication_search s" + where + " LIMIT ?) t";
    page_sql = std::string("SELECT ") + kListColumns +
               " FROM publication_search s CROSS JOIN publications p ON p.id = s.rowid" + where +
               " ORDER BY s.rowid DESC LIMIT ? OFFSET ?";
  } else {
    std::string where = " WHERE p.state = 'published'";
    if (nothing) where += " AND 1 = 0";
    if (!lite && (!terms.empty() || !filters.empty())) {
      std::string query;
      for (const auto& phrase : terms) {
        query += (query.empty() ? "(" : " & (") + join(phrase, " <-> ") + ")";
      }
      for (const auto& f : filters) query += (query.empty() ? "" : " & ") + f;
      where += " AND to_tsvector('simple', p.search_terms) @@ to_tsquery('simple', ?)";
      params.emplace_back(query);
    } else {
      if (q.kind) {
        where += " AND p.kind = ?";
        params.emplace_back(*q.kind);
      }
      if (q.field) {
        where += " AND p.field = ?";
        params.emplace_back(*q.field);
      }
      if (q.org_id) {
        where += " AND p.org_id = ?";
        params.emplace_back(*q.org_id);
      }
    }
    if (single) {
      // A lone character: the text itself is searched.
      where += " AND " + sql_contains(*tx, "p.search_plain");
      params.emplace_back(needle);
    }
    if (q.from) {
      where += " AND p.decided_on >= ?";
      params.emplace_back(*q.from);
    }
    if (q.to) {
      where += " AND p.decided_on <= ?";
      params.emplace_back(*q.to);
    }
    count_sql = "SELECT COUNT(*) FROM (SELECT 1 FROM publications p" + where + " LIMIT ?) t";
    page_sql = std::string("SELECT ") + kListColumns + " FROM publications p" + where +
               " ORDER BY p.id DESC LIMIT ? OFFSET ?";
  }
  db::Params cp = params;
  cp.emplace_back(kCountCap + 1);
  std::int64_t total = tx->scalar_i64(count_sql, cp);
  std::int64_t offset = (q.page - 1) * q.size;
  if (offset >= std::min(total, kCountCap)) return search_page({}, 0, total, kCountCap, q);
  db::Params pp = params;
  pp.emplace_back(q.size);
  pp.emplace_back(offset);
  return search_page(tx->query(page_sql, pp), 0, total, kCountCap, q);
}

Result<json> PublicationService::public_get(std::int64_t id) {
  auto tx = env_.db->read();
  auto rows = tx->query(
      "SELECT state, public_text, title, published_on, withdraw_kind, withdraw_reason, "
      "withdrawn_on, changed_on, expires_on, decision_no, public_sm3, publish_seq FROM "
      "publications WHERE id = ? AND published_on IS NOT NULL",
      {id});
  if (rows.empty() || (rows[0].str(0) != "published" && rows[0].str(0) != "withdrawn" &&
                       rows[0].str(0) != "expired")) {
    return Error::not_found("公示决定", "published decision");
  }
  auto r = rows[0];
  std::string state = r.str(0);
  if (state == "expired") {
    return Error{ErrorKind::kGone,
                 "publication.expired",
                 "该决定已超过网上公示期限,已撤下",
                 "the online period has ended",
                 {}};
  }
  json c = json::parse(r.str(1));
  if (state == "withdrawn") {
    std::string kind = r.str(4);
    return json{{"id", id},
                {"state", "withdrawn"},
                {"title", r.str(2)},
                {"decision_no", r.str(9)},
                {"body", c.value("body", "")},
                {"published_on", r.str(3)},
                {"withdrawal",
                 {{"kind", kind},
                  {"kind_label", domain::withdraw_kind_label(kind)},
                  {"reason", r.str(5)},
                  {"changed_on", r.str(7)},
                  {"withdrawn_on", r.str(6)}}}};
  }
  return json{{"id", id},
              {"state", "published"},
              {"decision", c},
              {"text", r.str(1)},
              {"sm3", r.str(10)},
              {"expires_on", r.str(8)},
              {"proof_url", "/public/api/decisions/" + std::to_string(id) + "/proof"}};
}

Result<json> PublicationService::public_proof(std::int64_t id) {
  auto read = [&]() -> Result<json> {
    auto tx = env_.db->read();
    auto rows = tx->query(
        "SELECT state, public_text, publish_seq FROM publications WHERE id = ? AND "
        "published_on IS NOT NULL",
        {id});
    if (rows.empty() || (rows[0].str(0) != "published" && rows[0].str(0) != "withdrawn" &&
                         rows[0].str(0) != "expired")) {
      return Error::not_found("公示决定", "published decision");
    }
    if (rows[0].str(0) == "withdrawn") {
      return Error{ErrorKind::kGone,
                   "publication.withdrawn",
                   "该决定的公示已撤回,不再提供核验",
                   "the publication was withdrawn",
                   {}};
    }
    if (rows[0].str(0) == "expired") {
      return Error{ErrorKind::kGone,
                   "publication.expired",
                   "该决定已超过网上公示期限,已撤下",
                   "the online period has ended",
                   {}};
    }
    std::int64_t seq = rows[0].i64(2);
    auto cp = ledger::latest_checkpoint(*tx);
    if (!cp || cp->size < seq) return json(nullptr);  // a checkpoint must be signed first
    auto event = ledger::event_at(*tx, seq);
    if (!event) return event.error();
    auto proof = proofs_.inclusion_proof(*tx, seq, cp->size);
    if (!proof) return proof.error();
    return json{{"id", id},
                {"text", rows[0].str(1)},
                {"event", ledger::to_json(*event)},
                {"proof", ledger::to_json(*proof)},
                {"checkpoint", ledger::to_json(*cp, env_.signer->public_key_pem())}};
  };
  auto first = read();
  if (!first || !first->is_null()) return first;
  // The newest checkpoint does not cover the publication yet: sign one now (at most one per
  // ledger size; make_checkpoint returns the existing one when nothing was appended since).
  if (!env_.signer) return Error::internal("no ledger signing key");
  auto made = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    ledger::make_checkpoint(tx, *env_.signer, env_.now());
    return Ok{};
  });
  if (!made) return made.error();
  auto second = read();
  if (second && second->is_null()) return Error::internal("checkpoint does not cover the event");
  return second;
}

json PublicationService::public_stats() {
  auto tx = env_.db->read();
  json by_kind = json::array(), by_field = json::array(), by_month = json::array(),
       by_body = json::array();
  for (auto r : tx->query("SELECT kind, COUNT(*) FROM publications WHERE state = 'published' "
                          "GROUP BY kind ORDER BY kind")) {
    by_kind.push_back({{"kind", r.str(0)},
                       {"label", domain::publication_kind_label(r.str(0))},
                       {"count", r.i64(1)}});
  }
  for (auto r : tx->query("SELECT field, COUNT(*) FROM publications WHERE state = 'published' "
                          "GROUP BY field ORDER BY COUNT(*) DESC")) {
    by_field.push_back(
        {{"field", r.str(0)}, {"label", domain::field_label(r.str(0))}, {"count", r.i64(1)}});
  }
  for (auto r : tx->query("SELECT substr(decided_on, 1, 7) AS m, COUNT(*) FROM publications WHERE "
                          "state = 'published' GROUP BY m ORDER BY m DESC LIMIT 24")) {
    by_month.push_back({{"month", r.str(0)}, {"count", r.i64(1)}});
  }
  std::reverse(by_month.begin(), by_month.end());
  for (auto r : tx->query("SELECT o.id, o.name, COUNT(*) FROM publications p JOIN orgs o ON o.id "
                          "= p.org_id WHERE p.state = 'published' GROUP BY o.id, o.name ORDER BY "
                          "COUNT(*) DESC, o.id LIMIT 20")) {
    by_body.push_back({{"org_id", r.i64(0)}, {"name", r.str(1)}, {"count", r.i64(2)}});
  }
  std::int64_t total =
      tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE state = 'published'");
  std::int64_t withdrawn = tx->scalar_i64(
      "SELECT COUNT(*) FROM publications WHERE state = 'withdrawn' AND "
      "published_on IS NOT NULL");
  return {{"total", total},       {"withdrawn", withdrawn}, {"by_kind", by_kind},
          {"by_field", by_field}, {"by_month", by_month},   {"by_body", by_body}};
}

}  // namespace zhifa::modules::publication
