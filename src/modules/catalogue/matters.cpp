#include "modules/catalogue/matters.hpp"

#include "modules/catalogue/import_plan.hpp"

#include <map>
#include <set>

#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/import_sheet.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/laws/laws.hpp"
#include "modules/org/org_repo.hpp"

namespace zhifa::modules::catalogue {
namespace {

using nlohmann::json;

using domain::field_label;
using domain::field_of_label;

// Who holds a matter: a body (its level from its parent) or a county (its township lists).
struct Holder {
  std::int64_t id = 0;
  std::string code, name, kind, path, level;
  std::optional<std::int64_t> county_id;
  bool active = true;
};

std::optional<Holder> holder_of(db::Tx& tx, std::int64_t org_id) {
  auto o = org::find(tx, org_id);
  if (!o) return std::nullopt;
  Holder h{o->id, o->code, o->name, o->kind, o->path, "", std::nullopt, true};
  if (o->kind == "county") {
    h.level = "township";
    h.county_id = o->id;
    return h;
  }
  if (o->kind != "body" || !o->parent_id) return std::nullopt;
  auto p = org::find(tx, *o->parent_id);
  if (!p) return std::nullopt;
  if (p->kind == "city") {
    h.level = "city";
  } else if (p->kind == "county") {
    h.level = "county";
    h.county_id = p->id;
  } else if (p->kind == "township") {
    h.level = "township";
    h.county_id = p->parent_id;
  } else {
    return std::nullopt;
  }
  h.active = tx.scalar_i64(
                 "SELECT COUNT(*) FROM enforcement_bodies WHERE org_id = ? AND status <> 'active'",
                 {org_id}) == 0;
  return h;
}

json flow_json(const std::vector<domain::FlowStep>& flow) {
  json a = json::array();
  for (const auto& s : flow) {
    a.push_back({{"name", s.name}, {"description", s.description}, {"time_limit", s.time_limit}});
  }
  return a;
}

std::vector<domain::FlowStep> flow_of(const json& a) {
  std::vector<domain::FlowStep> out;
  for (const auto& s : a) {
    out.push_back({s.value("name", ""), s.value("description", ""), s.value("time_limit", "")});
  }
  return out;
}

json guide_json(const std::map<std::string, std::string>& guide) {
  json g = json::object();
  for (const auto& f : domain::guide_fields()) {
    auto it = guide.find(std::string(f.key));
    g[std::string(f.key)] = it == guide.end() ? "" : it->second;
  }
  return g;
}

std::map<std::string, std::string> guide_of(const json& g) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : g.items()) {
    if (v.is_string() && !v.get<std::string>().empty()) out[k] = v.get<std::string>();
  }
  return out;
}

// The stored basis column: [{article_id, clause, citation}].
json basis_json(const std::vector<domain::MatterCitation>& basis) {
  json a = json::array();
  for (const auto& c : basis) {
    a.push_back({{"article_id", c.article_id}, {"clause", c.clause}, {"citation", c.citation}});
  }
  return a;
}

std::vector<domain::MatterCitation> basis_of(const json& a) {
  std::vector<domain::MatterCitation> out;
  for (const auto& c : a) {
    out.push_back({c.value("article_id", std::int64_t{0}), c.value("clause", ""),
                   c.value("citation", ""), ""});
  }
  return out;
}

// The snapshot kept in matter_versions.data.
json snapshot(const domain::MatterData& m) {
  return {{"name", m.name},
          {"type", m.type},
          {"field", m.field},
          {"list_kind", m.list_kind},
          {"township_kind", m.township_kind},
          {"basis", basis_json(m.basis)},
          {"flow", flow_json(m.flow)},
          {"guide", guide_json(m.guide)},
          {"effective_from", m.effective_from},
          {"effective_until", m.effective_until ? json(*m.effective_until) : json()},
          {"status", m.status}};
}

domain::MatterData data_of_snapshot(const json& j) {
  domain::MatterData m;
  m.name = j.value("name", "");
  m.type = j.value("type", "");
  m.field = j.value("field", "");
  m.list_kind = j.value("list_kind", "");
  m.township_kind = j.value("township_kind", "");
  m.basis = basis_of(j.value("basis", json::array()));
  m.flow = flow_of(j.value("flow", json::array()));
  m.guide = guide_of(j.value("guide", json::object()));
  m.effective_from = j.value("effective_from", "");
  if (j.contains("effective_until") && j["effective_until"].is_string()) {
    m.effective_until = j["effective_until"].get<std::string>();
  }
  m.status = j.value("status", "active");
  return m;
}

constexpr const char* kSelect =
    "SELECT m.id, m.org_id, o.name, o.code, m.code, m.name, m.matter_type, m.field, m.level, "
    "COALESCE(m.list_kind, ''), COALESCE(m.township_kind, ''), m.basis, COALESCE(t.flow, '[]'), "
    "COALESCE(t.guide, '{}'), "
    "m.effective_from, m.effective_until, m.status, m.sample, m.version, m.updated_at, "
    "COALESCE(u.display_name, ''), COALESCE(c.name, ''), m.county_id";
constexpr const char* kFrom =
    " FROM matters m JOIN orgs o ON o.id = m.org_id LEFT JOIN orgs c ON c.id = m.county_id "
    "LEFT JOIN users u ON u.id = m.updated_by LEFT JOIN matter_texts t ON t.matter_id = m.id "
    "WHERE 1=1";

struct MatterRow {
  std::int64_t id = 0, org_id = 0, version = 0, updated_at = 0;
  std::string org_name, org_code, code, level, updated_by, county_name;
  bool sample = false;
  domain::MatterData data;
};

MatterRow to_row(const db::Row& r) {
  MatterRow m;
  m.id = r.i64(0);
  m.org_id = r.i64(1);
  m.org_name = r.str(2);
  m.org_code = r.str(3);
  m.code = r.str(4);
  m.data.name = r.str(5);
  m.data.type = r.str(6);
  m.data.field = r.str(7);
  m.level = r.str(8);
  m.data.list_kind = r.str(9);
  m.data.township_kind = r.str(10);
  m.data.basis = basis_of(json::parse(r.str(11)));
  m.data.flow = flow_of(json::parse(r.str(12)));
  m.data.guide = guide_of(json::parse(r.str(13)));
  m.data.effective_from = r.str(14);
  m.data.effective_until = r.opt_str(15);
  m.data.status = r.str(16);
  m.sample = r.boolean(17);
  m.version = r.i64(18);
  m.updated_at = r.i64(19);
  m.updated_by = r.str(20);
  m.county_name = r.is_null(22) ? "市本级" : r.str(21);
  return m;
}

json basis_out(db::Tx* tx, const std::vector<domain::MatterCitation>& basis, bool with_text) {
  json a = json::array();
  for (const auto& c : basis) {
    if (tx) {
      if (auto ref = laws::article_ref(*tx, c.article_id, c.clause, "basis")) {
        a.push_back(laws::article_json(*ref, with_text));
        continue;
      }
    }
    a.push_back({{"article_id", c.article_id}, {"clause", c.clause}, {"citation", c.citation}});
  }
  return a;
}

// The matter as the console shows it; `tx` given: with the cited articles' texts, flow and guide.
json matter_json(const MatterRow& m, const std::string& today, db::Tx* tx, bool full) {
  json j = {{"id", m.id},
            {"org_id", m.org_id},
            {"org_name", m.org_name},
            {"org_code", m.org_code},
            {"county_name", m.county_name},
            {"code", m.code},
            {"name", m.data.name},
            {"type", m.data.type},
            {"type_label", domain::matter_type_label(m.data.type)},
            {"field", m.data.field},
            {"field_label", field_label(m.data.field)},
            {"level", m.level},
            {"level_label", domain::level_label(m.level)},
            {"list", m.data.list_kind.empty() ? json() : json(m.data.list_kind)},
            {"list_label", domain::list_label(m.data.list_kind, m.data.township_kind)},
            {"township_kind", m.data.township_kind.empty() ? json() : json(m.data.township_kind)},
            {"effective_from", m.data.effective_from},
            {"effective_until", m.data.effective_until ? json(*m.data.effective_until) : json()},
            {"effective", domain::in_force(m.data, today)},
            {"status", m.data.status},
            {"sample", m.sample},
            {"version", m.version},
            {"updated_at", m.updated_at},
            {"updated_by_name", m.updated_by}};
  j["basis"] = basis_out(full ? tx : nullptr, m.data.basis, full);
  if (full) {
    j["flow"] = flow_json(m.data.flow);
    j["guide"] = guide_json(m.data.guide);
  }
  return j;
}

std::optional<MatterRow> find_matter(db::Tx& tx, std::int64_t id) {
  auto rows = tx.query(std::string(kSelect) + kFrom + " AND m.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

std::string search_text(const std::string& code, const domain::MatterData& m) {
  std::string s = code + " " + m.name;
  for (const auto& c : m.basis) s += " " + c.citation;
  return s;
}

// The WHERE additions of a filter.
std::string filter_sql(db::Tx& tx, const MatterFilter& f, db::Params& params) {
  std::string w;
  if (f.q && !f.q->empty()) {
    w += " AND " + sql_contains(tx, "m.search");
    params.emplace_back(*f.q);
  }
  if (f.field) {
    w += " AND m.field = ?";
    params.emplace_back(*f.field);
  }
  if (f.type) {
    w += " AND m.matter_type = ?";
    params.emplace_back(*f.type);
  }
  if (f.level) {
    w += " AND m.level = ?";
    params.emplace_back(*f.level);
  }
  if (f.list) {
    if (*f.list == "none") {
      w += " AND m.list_kind IS NULL";
    } else {
      w += " AND m.list_kind = ?";
      params.emplace_back(*f.list);
    }
  }
  if (f.township_kind) {
    w += " AND m.township_kind = ?";
    params.emplace_back(*f.township_kind);
  }
  if (f.org_id) {
    auto o = org::find(tx, *f.org_id);
    std::string path = o ? o->path : "/none/";
    w += " AND substr(o.path, 1, ?) = ?";
    params.emplace_back(static_cast<std::int64_t>(path.size()));
    params.emplace_back(path);
  }
  if (f.county_id) {
    w += " AND m.county_id = ?";
    params.emplace_back(*f.county_id);
  }
  return w;
}

std::string effective_sql(bool effective, const std::string& today, db::Params& params) {
  params.emplace_back(today);
  params.emplace_back(today);
  return effective ? " AND m.status = 'active' AND m.effective_from <= ? AND (m.effective_until "
                     "IS NULL OR m.effective_until >= ?)"
                   : " AND NOT (m.status = 'active' AND m.effective_from <= ? AND "
                     "(m.effective_until IS NULL OR m.effective_until >= ?))";
}

// Whether a township list is adopted (in force) on `date`: the latest adoption already effective.
std::string adopted_sql(const std::string& list_alias) {
  return "EXISTS (SELECT 1 FROM township_list_adoptions a WHERE a.county_id = m.org_id AND "
         "a.list_kind = " +
         list_alias + " AND a.effective_from <= ?)";
}

// Public: in force today, of an active holder, and a township list only once adopted. The
// subqueries are not correlated: each runs once per query, not once per matter.
std::string public_sql(const std::string& today, db::Params& params) {
  std::string w = effective_sql(true, today, params);
  w += " AND m.org_id NOT IN (SELECT b.org_id FROM enforcement_bodies b WHERE b.status <> "
       "'active') AND (m.list_kind IS NULL OR (m.org_id, m.list_kind) IN (SELECT a.county_id, "
       "a.list_kind FROM township_list_adoptions a WHERE a.effective_from <= ?))";
  params.emplace_back(today);
  return w;
}

// Public searches count their hits up to this many ("10,000+" beyond): counting every hit of a
// one-character search over 100,000 matters would cost more than the page itself.
constexpr std::int64_t kPublicCountCap = 10'000;

struct Resolved {
  domain::MatterData data;
  Holder holder;
};

// Resolves the input's citations and holder, and checks the result.
Result<Resolved> resolve_input(db::Tx& tx, const MatterInput& in) {
  auto h = holder_of(tx, in.org_id);
  if (!h) {
    return Error::invalid("matter.holder", "实施主体应为执法主体,或为乡镇清单所属的县(市、区)",
                          "the holder must be an enforcement body or a county", "org_id");
  }
  Resolved r;
  r.holder = *h;
  auto& m = r.data;
  m.name = in.name;
  m.type = in.type;
  m.field = in.field;
  m.list_kind = in.list_kind;
  m.township_kind = in.township_kind;
  m.flow = in.flow;
  m.guide = in.guide;
  m.effective_from = in.effective_from;
  m.effective_until = in.effective_until;
  m.status = in.status;
  if (h->kind == "county" && m.list_kind.empty()) {
    return Error::invalid("matter.list",
                          "县(市、区)持有的是乡镇执法事项清单,请选择法定事项或赋权事项",
                          "a county holds township lists: give the list", "list");
  }
  if (h->kind != "county" && !m.list_kind.empty()) {
    return Error::invalid("matter.list",
                          "乡镇法定、赋权事项清单由县(市、区)持有,执法主体的事项不属于清单",
                          "only a county holds township lists", "list");
  }
  for (std::size_t i = 0; i < in.basis.size(); ++i) {
    auto ref = laws::article_ref(tx, in.basis[i].article_id, in.basis[i].clause,
                                 "basis[" + std::to_string(i) + "].article_id");
    if (!ref) return ref.error();
    m.basis.push_back({ref->article_id, ref->clause, ref->citation(), ref->law_effective_date});
  }
  if (auto ok = domain::check_matter(m); !ok) return ok.error();
  return r;
}

}  // namespace

Result<std::int64_t> save_matter(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                 const MatterInput& in, std::optional<std::int64_t> id,
                                 std::optional<std::int64_t> expected_version) {
  std::optional<MatterRow> old;
  if (id) {
    old = find_matter(tx, *id);
    if (!old) return Error::not_found("执法事项", "matter");
  }
  MatterInput input = in;
  if (old) {
    input.org_id = old->org_id;
    // A township list item stays on its list unless the change names another one.
    if (input.list_kind.empty()) {
      input.list_kind = old->data.list_kind;
      input.township_kind = old->data.township_kind;
    }
  }
  if (actor) {
    auto holder = org::find(tx, input.org_id);
    if (holder && !actor->covers({holder->id, holder->path})) {
      return Error::forbidden("catalogue.scope", "无权修改该主体的执法事项",
                              "the holder is outside your data scope");
    }
  }
  auto resolved = resolve_input(tx, input);
  if (!resolved) return resolved.error();
  const auto& h = resolved->holder;
  const auto& data = resolved->data;
  std::optional<std::int64_t> by =
      actor ? std::optional<std::int64_t>(actor->user_id) : std::nullopt;
  std::string basis = basis_json(data.basis).dump();
  std::string flow = flow_json(data.flow).dump();
  std::string guide = guide_json(data.guide).dump();
  std::optional<std::string> list_kind, township_kind;
  if (!data.list_kind.empty()) {
    list_kind = data.list_kind;
    township_kind = data.township_kind;
  }
  std::int64_t matter_id = 0, version = 1;
  std::string reason = in.reason;
  json changed = json::array();
  if (!old) {
    if (in.code.empty()) {
      return Error::invalid("matter.code", "请填写事项编码", "code is required", "code");
    }
    if (tx.scalar_i64("SELECT COUNT(*) FROM matters WHERE org_id = ? AND code = ?",
                      {h.id, in.code}) > 0) {
      return Error::conflict("matter.code_taken", "该主体已有编码为 " + in.code + " 的事项",
                             "the holder already has a matter with that code", "code");
    }
    matter_id = tx.insert(
        "INSERT INTO matters (org_id, county_id, code, name, matter_type, field, level, list_kind, "
        "township_kind, basis, effective_from, effective_until, status, sample, search, version, "
        "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id",
        {h.id, h.county_id, in.code, data.name, data.type, data.field, h.level, list_kind,
         township_kind, basis, data.effective_from, data.effective_until, data.status,
         static_cast<std::int64_t>(in.sample ? 1 : 0), search_text(in.code, data), now, by, now,
         by});
    tx.exec("INSERT INTO matter_texts (matter_id, flow, guide) VALUES (?, ?, ?)",
            {matter_id, flow, guide});
    if (reason.empty()) reason = "新增事项";
  } else {
    if (expected_version && *expected_version != old->version) {
      return Error::conflict(
          "matter.stale",
          "该事项已被他人修改(当前为第 " + std::to_string(old->version) + " 版),请刷新后重新编辑",
          "the matter was changed by someone else; reload it", "version");
    }
    auto changes = domain::diff_matters(old->data, data);
    if (changes.empty()) {
      return Error::invalid("matter.unchanged", "没有任何修改", "nothing changed", "");
    }
    if (reason.empty()) {
      return Error::invalid("matter.reason", "请填写修改原因", "reason is required", "reason");
    }
    for (const auto& c : changes) changed.push_back(c.label);
    matter_id = old->id;
    version = old->version + 1;
    tx.exec(
        "UPDATE matters SET name = ?, matter_type = ?, field = ?, list_kind = ?, township_kind = "
        "?, basis = ?, effective_from = ?, effective_until = ?, status = ?, search = ?, version = "
        "?, updated_at = ?, updated_by = ? WHERE id = ?",
        {data.name, data.type, data.field, list_kind, township_kind, basis, data.effective_from,
         data.effective_until, data.status, search_text(old->code, data), version, now, by,
         matter_id});
    tx.exec("UPDATE matter_texts SET flow = ?, guide = ? WHERE matter_id = ?",
            {flow, guide, matter_id});
    tx.exec("DELETE FROM matter_articles WHERE matter_id = ?", {matter_id});
  }
  std::set<std::int64_t> articles;
  for (const auto& c : data.basis) articles.insert(c.article_id);
  for (auto a : articles) {
    tx.exec("INSERT INTO matter_articles (matter_id, article_id) VALUES (?, ?)", {matter_id, a});
  }
  json snap = snapshot(data);
  tx.exec(
      "INSERT INTO matter_versions (matter_id, version, data, reason, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {matter_id, version, snap.dump(), reason, now, by});
  // The demo loads its catalogue as one event (the loader records it); staff changes each get one.
  if (actor) {
    record(tx, actor, now, h.id, "matter", std::to_string(matter_id),
           version == 1 ? "matter.created" : "matter.changed",
           {{"code", old ? old->code : in.code},
            {"version", version},
            {"reason", reason},
            {"changed", changed},
            {"data", snap}});
  }
  return matter_id;
}

Result<std::int64_t> adopt_list(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                std::int64_t county_id, const std::string& list,
                                const std::string& decision_no, const std::string& decided_on,
                                const std::string& effective_from) {
  auto c = org::find(tx, county_id);
  if (!c || c->kind != "county") {
    return Error::invalid("township.county", "请选择县(市、区)", "county_id must be a county",
                          "county_id");
  }
  if (actor && !actor->covers({c->id, c->path})) {
    return Error::forbidden("catalogue.scope", "无权为该县(市、区)采用清单",
                            "the county is outside your data scope");
  }
  if (list != "statutory" && list != "delegated") {
    return Error::invalid("township.list", "清单应为法定事项或赋权事项",
                          "list must be statutory or delegated", "list");
  }
  if (decision_no.empty()) {
    return Error::invalid("township.decision_no", "请填写采用决定的文号", "decision_no is required",
                          "decision_no");
  }
  if (auto ok = domain::check_date(decided_on, "decided_on"); !ok) return ok.error();
  if (auto ok = domain::check_date(effective_from, "effective_from"); !ok) return ok.error();
  if (effective_from < decided_on) {
    return Error::invalid("township.dates", "施行日期不能早于决定日期",
                          "effective_from precedes decided_on", "effective_from");
  }
  if (tx.scalar_i64("SELECT COUNT(*) FROM matters WHERE org_id = ? AND list_kind = ?",
                    {county_id, list}) == 0) {
    return Error::conflict("township.empty_list", "该县(市、区)的这份清单还没有任何事项,不能采用",
                           "the list has no matters yet", "list");
  }
  std::optional<std::int64_t> by =
      actor ? std::optional<std::int64_t>(actor->user_id) : std::nullopt;
  std::int64_t id = tx.insert(
      "INSERT INTO township_list_adoptions (county_id, list_kind, decision_no, decided_on, "
      "effective_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {county_id, list, decision_no, decided_on, effective_from, now, by});
  if (actor) {
    record(tx, actor, now, county_id, "township_list", std::to_string(county_id) + ":" + list,
           "township_list.adopted",
           {{"list", list},
            {"decision_no", decision_no},
            {"decided_on", decided_on},
            {"effective_from", effective_from},
            {"matters", tx.scalar_i64("SELECT COUNT(*) FROM matters WHERE org_id = ? AND "
                                      "list_kind = ?",
                                      {county_id, list})}});
  }
  return id;
}

std::string MatterService::today() const { return domain::shanghai_date(env_.now()); }

nlohmann::json MatterService::list(const MatterFilter& f, std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = filter_sql(*tx, f, params);
  if (f.effective) where += effective_sql(*f.effective, today(), params);
  std::int64_t total = 0;
  json items = json::array();
  for (auto r : fetch_page(*tx, kSelect, {}, std::string(kFrom) + where,
                           " ORDER BY m.org_id, m.code", params, size, (page - 1) * size, total,
                           " FROM matters m JOIN orgs o ON o.id = m.org_id WHERE 1=1" + where)) {
    items.push_back(matter_json(to_row(r), today(), nullptr, false));
  }
  return {{"items", items}, {"total", total}};
}

nlohmann::json MatterService::tree() {
  auto tx = env_.db->read();
  json out = json::array();
  std::map<std::string, std::size_t> at;
  for (auto r : tx->query(
           "SELECT m.field, m.org_id, o.name, m.level, COUNT(*) FROM matters m JOIN orgs o ON "
           "o.id = m.org_id GROUP BY m.field, m.org_id, o.name, m.level ORDER BY m.field, "
           "m.org_id")) {
    std::string field = r.str(0);
    if (!at.count(field)) {
      at[field] = out.size();
      out.push_back({{"field", field},
                     {"field_label", field_label(field)},
                     {"count", 0},
                     {"orgs", json::array()}});
    }
    auto& node = out[at[field]];
    node["count"] = node["count"].get<std::int64_t>() + r.i64(4);
    node["orgs"].push_back(
        {{"org_id", r.i64(1)}, {"org_name", r.str(2)}, {"level", r.str(3)}, {"count", r.i64(4)}});
  }
  // The fields in the order of domain/fields.
  json sorted = json::array();
  for (const auto& f : domain::enforcement_fields()) {
    auto it = at.find(std::string(f.key));
    if (it != at.end()) sorted.push_back(out[it->second]);
  }
  return sorted;
}

Result<nlohmann::json> MatterService::get(std::int64_t id) {
  auto tx = env_.db->read();
  auto m = find_matter(*tx, id);
  if (!m) return Error::not_found("执法事项", "matter");
  return matter_json(*m, today(), tx.get(), true);
}

Result<nlohmann::json> MatterService::create(const domain::Scope& scope, const MatterInput& in) {
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto saved = save_matter(tx, &scope, env_.now(), in, std::nullopt, std::nullopt);
    if (!saved) return saved.error();
    id = *saved;
    return Ok{};
  });
  if (!r) return r.error();
  return get(id);
}

Result<nlohmann::json> MatterService::update(const domain::Scope& scope, std::int64_t id,
                                             MatterInput in, std::int64_t expected_version) {
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto saved = save_matter(tx, &scope, env_.now(), in, id, expected_version);
    if (!saved) return saved.error();
    return Ok{};
  });
  if (!r) return r.error();
  return get(id);
}

Result<nlohmann::json> MatterService::versions(std::int64_t id) {
  auto tx = env_.db->read();
  if (!find_matter(*tx, id)) return Error::not_found("执法事项", "matter");
  json out = json::array();
  std::optional<domain::MatterData> newer;
  auto rows = tx->query(
      "SELECT v.version, v.reason, v.created_at, COALESCE(u.display_name, ''), v.data FROM "
      "matter_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.matter_id = ? ORDER BY "
      "v.version",
      {id});
  std::optional<domain::MatterData> prev;
  for (auto r : rows) {
    auto data = data_of_snapshot(json::parse(r.str(4)));
    json changed = json::array();
    if (prev) {
      for (const auto& c : domain::diff_matters(*prev, data)) changed.push_back(c.label);
    }
    out.push_back({{"version", r.i64(0)},
                   {"reason", r.str(1)},
                   {"created_at", r.i64(2)},
                   {"created_by_name", r.str(3)},
                   {"changed", changed}});
    prev = data;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<nlohmann::json> MatterService::version(std::int64_t id, std::int64_t v) {
  auto tx = env_.db->read();
  auto m = find_matter(*tx, id);
  if (!m) return Error::not_found("执法事项", "matter");
  auto rows = tx->query(
      "SELECT data, reason, created_at FROM matter_versions WHERE matter_id = ? AND version = ?",
      {id, v});
  if (rows.empty()) return Error::not_found("该版本", "version");
  MatterRow at = *m;
  at.data = data_of_snapshot(json::parse(rows[0].str(0)));
  at.version = v;
  json j = matter_json(at, today(), tx.get(), true);
  j["reason"] = rows[0].str(1);
  j["created_at"] = rows[0].i64(2);
  // The citations as they were written then (an article's text may have changed since).
  j["basis"] = basis_out(nullptr, at.data.basis, false);
  return j;
}

Result<nlohmann::json> MatterService::diff(std::int64_t id, std::int64_t from, std::int64_t to) {
  auto tx = env_.db->read();
  if (!find_matter(*tx, id)) return Error::not_found("执法事项", "matter");
  auto load = [&](std::int64_t v) -> std::optional<domain::MatterData> {
    auto rows =
        tx->query("SELECT data FROM matter_versions WHERE matter_id = ? AND version = ?", {id, v});
    if (rows.empty()) return std::nullopt;
    return data_of_snapshot(json::parse(rows[0].str(0)));
  };
  auto a = load(from), b = load(to);
  if (!a || !b) return Error::not_found("该版本", "version");
  json changes = json::array();
  for (const auto& c : domain::diff_matters(*a, *b)) {
    changes.push_back(
        {{"field", c.field}, {"label", c.label}, {"before", c.before}, {"after", c.after}});
  }
  return json{{"from", from}, {"to", to}, {"changes", changes}};
}

namespace {

// The condition on `m` (matters) of what body `org_id` may enforce on `date`: its own matters and,
// for a township office, its county's statutory list for its kind and the delegated list, each once
// adopted; in force on the date. std::nullopt: not an enforcement body.
std::optional<std::string> usable_where(db::Tx& tx, std::int64_t org_id, const std::string& date,
                                        db::Params& params) {
  auto h = holder_of(tx, org_id);
  if (!h || h->kind != "body") return std::nullopt;
  params.emplace_back(org_id);
  std::string where = " AND (m.org_id = ?";
  auto o = org::find(tx, org_id);
  auto parent = o && o->parent_id ? org::find(tx, *o->parent_id) : std::nullopt;
  if (parent && parent->kind == "township" && parent->parent_id) {
    std::string kind = domain::is_street_office(parent->name) ? "street" : "town";
    where +=
        " OR (m.org_id = ? AND ((m.list_kind = 'statutory' AND m.township_kind = ?) OR "
        "m.list_kind = 'delegated') AND " +
        adopted_sql("m.list_kind") + ")";
    params.emplace_back(*parent->parent_id);
    params.emplace_back(kind);
    params.emplace_back(date);
  }
  where += ")";
  where += effective_sql(true, date, params);
  return where;
}

}  // namespace

bool holds_matter(db::Tx& tx, std::int64_t org_id, std::int64_t matter_id,
                  const std::string& date) {
  db::Params params;
  auto where = usable_where(tx, org_id, date, params);
  if (!where) return false;
  params.emplace_back(matter_id);
  return !tx.query("SELECT 1 FROM matters m WHERE 1=1" + *where + " AND m.id = ? LIMIT 1", params)
              .empty();
}

Result<nlohmann::json> MatterService::usable(std::int64_t org_id, const std::string& on) {
  const std::string date = on.empty() ? today() : on;
  if (auto ok = domain::check_date(date, "date"); !ok) return ok.error();
  auto tx = env_.db->read();
  db::Params params;
  auto where = usable_where(*tx, org_id, date, params);
  if (!where) return Error::not_found("执法主体", "enforcement body");
  json items = json::array();
  for (auto r :
       tx->query(std::string(kSelect) + kFrom + *where + " ORDER BY m.list_kind, m.code", params)) {
    items.push_back(matter_json(to_row(r), date, nullptr, false));
  }
  return json{{"org_id", org_id}, {"date", date}, {"items", items}, {"total", items.size()}};
}

namespace {

const std::vector<std::string> kRequired = {"实施主体编码", "事项编码", "事项名称", "事项类型",
                                            "执法领域",     "设定依据", "生效日期"};
const std::vector<std::string> kOptional = {
    "失效日期", "清单类别", "适用乡镇", "办理流程", "申请条件", "申请材料", "办理时限",
    "收费标准", "办理地点", "咨询电话", "备注",     "修改原因", "实施主体", "状态"};

std::string list_cell(const std::string& list) {
  return list == "statutory" ? "法定事项" : list == "delegated" ? "赋权事项" : "";
}
std::string township_cell(const std::string& k) {
  return k == "town" ? "乡镇" : k == "street" ? "街道" : k == "all" ? "全部" : "";
}

}  // namespace

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
MatterService::export_rows(const MatterFilter& f) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = filter_sql(*tx, f, params);
  if (f.effective) where += effective_sql(*f.effective, today(), params);
  std::vector<xlsx::Column> cols = {
      {"实施主体编码", 18}, {"实施主体", 30}, {"事项编码", 16}, {"事项名称", 40}, {"事项类型", 12},
      {"执法领域", 12},     {"设定依据", 50}, {"生效日期", 12}, {"失效日期", 12}, {"清单类别", 10},
      {"适用乡镇", 8},      {"办理流程", 40}, {"申请条件", 30}, {"申请材料", 30}, {"办理时限", 16},
      {"收费标准", 14},     {"办理地点", 24}, {"咨询电话", 16}, {"备注", 20},     {"状态", 8},
      {"版本", 6, true}};
  std::vector<std::vector<std::string>> rows;
  for (auto r :
       tx->query(std::string(kSelect) + kFrom + where + " ORDER BY m.org_id, m.code", params)) {
    auto m = to_row(r);
    std::string basis;
    for (const auto& c : m.data.basis) basis += (basis.empty() ? "" : ";") + c.citation;
    auto g = [&](const char* k) {
      auto it = m.data.guide.find(k);
      return it == m.data.guide.end() ? std::string() : it->second;
    };
    rows.push_back({m.org_code,
                    m.org_name,
                    m.code,
                    m.data.name,
                    std::string(domain::matter_type_label(m.data.type)),
                    field_label(m.data.field),
                    basis,
                    m.data.effective_from,
                    m.data.effective_until.value_or(""),
                    list_cell(m.data.list_kind),
                    township_cell(m.data.township_kind),
                    domain::flow_text(m.data.flow),
                    g("conditions"),
                    g("materials"),
                    g("time_limit"),
                    g("fees"),
                    g("place"),
                    g("contact"),
                    g("notes"),
                    m.data.status == "active" ? "有效" : "已废止",
                    std::to_string(m.version)});
  }
  return {cols, rows};
}

namespace {

using MatterRowPlan = PlannedRow<MatterInput>;

// Reads and checks every row against the database (inside `tx`); the plan or the row errors.
Result<std::vector<MatterRowPlan>> plan_import(db::Tx& tx, const domain::Scope& scope,
                                               std::string_view body) {
  auto sheet = ImportSheet::open(body, kRequired, kOptional, 20'000);
  if (!sheet) return sheet.error();
  RowErrors errors;
  std::vector<MatterRowPlan> plan;
  std::map<std::string, std::optional<Holder>> holders;
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (const auto& row : sheet->rows()) {
    auto cell = [&](const std::string& t) { return sheet->cell(row, t); };
    MatterRowPlan p;
    p.row = row.excel_row;
    auto& in = p.input;
    bool ok = true;
    auto fail = [&](const std::string& col, const std::string& zh, const std::string& en) {
      errors.add(row.excel_row, col, zh, en);
      ok = false;
    };
    std::string holder_code = cell("实施主体编码");
    if (!holders.count(holder_code)) {
      auto o = org::find_by_code(tx, holder_code);
      holders[holder_code] = o ? holder_of(tx, o->id) : std::nullopt;
    }
    const auto& h = holders[holder_code];
    if (!h) {
      fail("实施主体编码", "找不到编码为“" + holder_code + "”的执法主体或县(市、区)",
           "no body or county with that code");
    } else if (!scope.covers({h->id, h->path})) {
      fail("实施主体编码", "无权修改“" + h->name + "”的执法事项", "holder outside your scope");
    } else {
      in.org_id = h->id;
    }
    in.code = cell("事项编码");
    if (in.code.empty()) fail("事项编码", "事项编码不能为空", "code is required");
    in.name = cell("事项名称");
    if (in.name.empty()) fail("事项名称", "事项名称不能为空", "name is required");
    auto type = domain::matter_type_of_label(cell("事项类型"));
    if (!type) {
      fail("事项类型",
           "事项类型“" + cell("事项类型") + "”不正确,应为行政许可、行政处罚、行政强制等",
           "unknown matter type");
    } else {
      in.type = *type;
    }
    auto field = field_of_label(cell("执法领域"));
    if (!field) {
      fail("执法领域", "执法领域“" + cell("执法领域") + "”不存在", "unknown field");
    } else {
      in.field = *field;
    }
    auto cites = domain::parse_citations(cell("设定依据"));
    if (!cites) {
      fail("设定依据", cites.error().message_zh, cites.error().message_en);
    } else {
      for (const auto& c : *cites) {
        auto ref = laws::resolve(tx, c, "basis");
        if (!ref) {
          fail("设定依据", ref.error().message_zh, ref.error().message_en);
          break;
        }
        in.basis.push_back({ref->article_id, ref->clause});
      }
    }
    in.effective_from = cell("生效日期");
    if (!domain::is_valid_date(in.effective_from)) {
      fail("生效日期", "生效日期应为 YYYY-MM-DD 格式的日期", "effective date must be YYYY-MM-DD");
    }
    if (auto until = cell("失效日期"); !until.empty()) {
      if (!domain::is_valid_date(until)) {
        fail("失效日期", "失效日期应为 YYYY-MM-DD 格式的日期", "end date must be YYYY-MM-DD");
      }
      in.effective_until = until;
    }
    std::string list = cell("清单类别");
    if (list == "法定事项" || list == "法定") {
      in.list_kind = "statutory";
      std::string k = cell("适用乡镇");
      in.township_kind = k == "街道" ? "street" : k == "乡镇" ? "town" : "";
      if (in.township_kind.empty()) {
        fail("适用乡镇", "法定事项应写明适用乡镇或街道", "statutory items name town or street");
      }
    } else if (list == "赋权事项" || list == "赋权") {
      in.list_kind = "delegated";
      in.township_kind = "all";
    } else if (!list.empty()) {
      fail("清单类别", "清单类别应为法定事项、赋权事项或留空", "list must be 法定事项 or 赋权事项");
    }
    in.flow = domain::parse_flow(cell("办理流程"));
    const std::pair<const char*, const char*> guide_cols[] = {
        {"conditions", "申请条件"}, {"materials", "申请材料"}, {"time_limit", "办理时限"},
        {"fees", "收费标准"},       {"place", "办理地点"},     {"contact", "咨询电话"},
        {"notes", "备注"}};
    for (const auto& [key, col] : guide_cols) {
      if (auto v = cell(col); !v.empty()) in.guide[key] = v;
    }
    std::string status = cell("状态");
    in.status = status == "已废止" ? "repealed" : "active";
    in.reason = cell("修改原因");
    if (ok && !seen.insert({in.org_id, in.code}).second) {
      fail("事项编码", "同一实施主体的事项编码 " + in.code + " 在表格中重复", "duplicate code");
    }
    if (!ok) continue;
    // The full check (dates against the laws, the holder's list) and the comparison.
    auto resolved = resolve_input(tx, in);
    if (!resolved) {
      fail(resolved.error().field == "effective_from" ? "生效日期" : "设定依据",
           resolved.error().message_zh, resolved.error().message_en);
      continue;
    }
    auto existing =
        tx.query("SELECT id FROM matters WHERE org_id = ? AND code = ?", {in.org_id, in.code});
    if (existing.empty()) {
      p.action = "create";
    } else {
      p.id = existing[0].i64(0);
      auto old = find_matter(tx, *p.id);
      // Flow details and guide fields the sheet does not carry are kept.
      if (old) {
        if (!sheet->has_column("办理流程")) in.flow = old->data.flow;
        auto& new_data = resolved->data;
        if (!sheet->has_column("办理流程")) new_data.flow = old->data.flow;
        // A step's description and time limit survive when the sheet lists the same names.
        if (domain::flow_text(new_data.flow) == domain::flow_text(old->data.flow)) {
          in.flow = old->data.flow;
          new_data.flow = old->data.flow;
        }
        for (const auto& [key, col] : guide_cols) {
          if (!sheet->has_column(col) && old->data.guide.count(key)) {
            in.guide[key] = old->data.guide.at(key);
            new_data.guide[key] = old->data.guide.at(key);
          }
        }
        p.changes = domain::diff_matters(old->data, new_data);
      }
      p.action = p.changes.empty() ? "unchanged" : "update";
      if (in.reason.empty()) in.reason = "批量导入";
    }
    p.name = in.name;
    plan.push_back(std::move(p));
  }
  if (!errors.empty()) return errors.to_error();
  return plan;
}

}  // namespace

Result<nlohmann::json> MatterService::import(const domain::Scope& scope, std::string_view body,
                                             bool dry_run) {
  return run_import<MatterInput>(
      env_, scope, dry_run, [&](db::Tx& tx) { return plan_import(tx, scope, body); },
      [&](db::Tx& tx, std::int64_t now, const MatterRowPlan& p) {
        return save_matter(tx, &scope, now, p.input, p.id, std::nullopt);
      },
      "matter", "matter.imported");
}

nlohmann::json MatterService::township_lists(std::optional<std::int64_t> county_id) {
  auto tx = env_.db->read();
  db::Params params;
  std::string sql = "SELECT id, code, name FROM orgs WHERE kind = 'county'";
  if (county_id) {
    sql += " AND id = ?";
    params.emplace_back(*county_id);
  }
  json out = json::array();
  std::string d = today();
  for (auto c : tx->query(sql + " ORDER BY sort, code", params)) {
    json lists = json::array();
    const std::tuple<const char*, const char*> kinds[] = {
        {"statutory", "town"}, {"statutory", "street"}, {"delegated", "all"}};
    for (const auto& [list, tk] : kinds) {
      std::int64_t count = tx->scalar_i64(
          "SELECT COUNT(*) FROM matters WHERE org_id = ? AND list_kind = ? AND township_kind = ? "
          "AND status = 'active'",
          {c.i64(0), list, tk});
      auto a = tx->query(
          "SELECT a.id, a.decision_no, a.decided_on, a.effective_from, COALESCE(u.display_name, "
          "''), a.created_at FROM township_list_adoptions a LEFT JOIN users u ON u.id = "
          "a.created_by WHERE a.county_id = ? AND a.list_kind = ? ORDER BY a.created_at DESC, "
          "a.id DESC",
          {c.i64(0), list});
      json adoption;
      if (!a.empty()) {
        adoption = {{"id", a[0].i64(0)},
                    {"decision_no", a[0].str(1)},
                    {"decided_on", a[0].str(2)},
                    {"effective_from", a[0].str(3)},
                    {"adopted_by_name", a[0].str(4)},
                    {"adopted_at", a[0].i64(5)},
                    {"in_force", a[0].str(3) <= d}};
      }
      // The list applies once any adoption of it is in force (the latest decision is shown).
      bool in_force = tx->scalar_i64(
                          "SELECT COUNT(*) FROM township_list_adoptions WHERE "
                          "county_id = ? AND list_kind = ? AND effective_from <= ?",
                          {c.i64(0), list, d}) > 0;
      lists.push_back({{"list", list},
                       {"township_kind", tk},
                       {"label", domain::list_label(list, tk)},
                       {"count", count},
                       {"in_force", in_force},
                       {"adoption", adoption}});
    }
    out.push_back({{"county_id", c.i64(0)},
                   {"county_code", c.str(1)},
                   {"county_name", c.str(2)},
                   {"lists", lists}});
  }
  return out;
}

Result<nlohmann::json> MatterService::adopt(const domain::Scope& scope, std::int64_t county_id,
                                            const std::string& list, const std::string& decision_no,
                                            const std::string& decided_on,
                                            const std::string& effective_from) {
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto a = adopt_list(tx, &scope, env_.now(), county_id, list, decision_no, decided_on,
                        effective_from);
    if (!a) return a.error();
    id = *a;
    return Ok{};
  });
  if (!r) return r.error();
  for (const auto& a : adoptions(county_id)) {
    if (a["id"] == id) return a;
  }
  return Error::internal("adoption not found after insert");
}

nlohmann::json MatterService::adoptions(std::optional<std::int64_t> county_id) {
  auto tx = env_.db->read();
  db::Params params;
  std::string sql =
      "SELECT a.id, a.county_id, c.name, a.list_kind, a.decision_no, a.decided_on, "
      "a.effective_from, COALESCE(u.display_name, ''), a.created_at FROM township_list_adoptions "
      "a JOIN orgs c ON c.id = a.county_id LEFT JOIN users u ON u.id = a.created_by WHERE 1=1";
  if (county_id) {
    sql += " AND a.county_id = ?";
    params.emplace_back(*county_id);
  }
  json out = json::array();
  for (auto r : tx->query(sql + " ORDER BY a.created_at DESC, a.id DESC", params)) {
    out.push_back({{"id", r.i64(0)},
                   {"county_id", r.i64(1)},
                   {"county_name", r.str(2)},
                   {"list", r.str(3)},
                   {"list_label", domain::list_label(r.str(3))},
                   {"decision_no", r.str(4)},
                   {"decided_on", r.str(5)},
                   {"effective_from", r.str(6)},
                   {"adopted_by_name", r.str(7)},
                   {"adopted_at", r.i64(8)}});
  }
  return out;
}

nlohmann::json MatterService::public_list(const MatterFilter& f,
                                          const std::optional<std::string>& county_code,
                                          std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  db::Params params;
  MatterFilter filter = f;
  filter.effective.reset();
  std::string where = filter_sql(*tx, filter, params);
  if (county_code && !county_code->empty()) {
    auto c = tx->query("SELECT id, kind FROM orgs WHERE code = ? AND kind IN ('city', 'county')",
                       {*county_code});
    if (c.empty()) {
      where += " AND 1=0";
    } else if (c[0].str(1) == "city") {
      where += " AND m.county_id IS NULL";
    } else {
      where += " AND m.county_id = ?";
      params.emplace_back(c[0].i64(0));
    }
  }
  where += public_sql(today(), params);
  // The count needs the holders' table only when the filter names an org subtree.
  std::string count_from = f.org_id ? " FROM matters m JOIN orgs o ON o.id = m.org_id WHERE 1=1"
                                    : " FROM matters m WHERE 1=1";
  db::Params count_params = params;
  count_params.emplace_back(kPublicCountCap + 1);
  std::int64_t total = tx->scalar_i64(
      "SELECT COUNT(*) FROM (SELECT 1" + count_from + where + " LIMIT ?) t", count_params);
  bool capped = total > kPublicCountCap;
  if (capped) total = kPublicCountCap;
  db::Params page_params = params;
  page_params.emplace_back(size);
  page_params.emplace_back((page - 1) * size);
  json items = json::array();
  for (auto r : tx->query(
           std::string(kSelect) + kFrom + where + " ORDER BY m.org_id, m.code LIMIT ? OFFSET ?",
           page_params)) {
    auto m = to_row(r);
    json cites = json::array();
    for (const auto& c : m.data.basis) cites.push_back(c.citation);
    items.push_back({{"id", m.id},
                     {"code", m.code},
                     {"name", m.data.name},
                     {"type", m.data.type},
                     {"type_label", domain::matter_type_label(m.data.type)},
                     {"field_label", field_label(m.data.field)},
                     {"org_name", m.org_name},
                     {"county_name", m.county_name},
                     {"level_label", domain::level_label(m.level)},
                     {"list_label", domain::list_label(m.data.list_kind, m.data.township_kind)},
                     {"citations", cites},
                     {"version", m.version}});
  }
  return {{"items", items}, {"total", total}, {"total_capped", capped}};
}

Result<nlohmann::json> MatterService::public_get(std::int64_t id) {
  auto tx = env_.db->read();
  db::Params params = {id};
  std::string where = " AND m.id = ?" + public_sql(today(), params);
  auto rows = tx->query(std::string(kSelect) + kFrom + where, params);
  if (rows.empty()) return Error::not_found("执法事项", "matter");
  json j = matter_json(to_row(rows[0]), today(), tx.get(), true);
  j.erase("updated_by_name");
  return j;
}

nlohmann::json MatterService::public_orgs(const std::optional<std::string>& county_code) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where;
  if (county_code && !county_code->empty()) {
    auto c = tx->query("SELECT id, kind FROM orgs WHERE code = ? AND kind IN ('city', 'county')",
                       {*county_code});
    if (c.empty()) {
      where += " AND 1=0";
    } else if (c[0].str(1) == "city") {
      where += " AND m.county_id IS NULL";
    } else {
      where += " AND m.county_id = ?";
      params.emplace_back(c[0].i64(0));
    }
  }
  where += public_sql(today(), params);
  json out = json::array();
  for (auto r : tx->query("SELECT m.org_id, o.name, COUNT(*) FROM matters m JOIN orgs o ON o.id "
                          "= m.org_id WHERE 1=1" +
                              where + " GROUP BY m.org_id, o.name ORDER BY m.org_id",
                          params)) {
    out.push_back({{"org_id", r.i64(0)}, {"org_name", r.str(1)}, {"count", r.i64(2)}});
  }
  return out;
}

nlohmann::json MatterService::public_counties() {
  auto tx = env_.db->read();
  json out = json::array();
  for (auto r : tx->query("SELECT code, name, kind FROM orgs WHERE kind IN ('city', 'county') "
                          "ORDER BY CASE kind WHEN 'city' THEN 0 ELSE 1 END, sort, code")) {
    out.push_back({{"code", r.str(0)}, {"name", r.str(2) == "city" ? "市本级" : r.str(1)}});
  }
  return out;
}

Result<nlohmann::json> MatterService::public_township(const std::string& county_code) {
  auto tx = env_.db->read();
  auto c = tx->query("SELECT id, name FROM orgs WHERE code = ? AND kind = 'county'", {county_code});
  if (c.empty()) return Error::not_found("县(市、区)", "county");
  std::int64_t county = c[0].i64(0);
  std::string d = today();
  json lists = json::array();
  const std::tuple<const char*, const char*> kinds[] = {
      {"statutory", "town"}, {"statutory", "street"}, {"delegated", "all"}};
  for (const auto& [list, tk] : kinds) {
    auto a = tx->query(
        "SELECT decision_no, decided_on, effective_from FROM township_list_adoptions WHERE "
        "county_id = ? AND list_kind = ? AND effective_from <= ? ORDER BY effective_from DESC, id "
        "DESC",
        {county, list, d});
    if (a.empty()) continue;  // not yet adopted: not published
    db::Params params = {county, list, tk};
    std::string where = " AND m.org_id = ? AND m.list_kind = ? AND m.township_kind = ?" +
                        effective_sql(true, d, params);
    json items = json::array();
    for (auto r : tx->query(std::string(kSelect) + kFrom + where + " ORDER BY m.code", params)) {
      auto m = to_row(r);
      json cites = json::array();
      for (const auto& ci : m.data.basis) cites.push_back(ci.citation);
      items.push_back({{"id", m.id},
                       {"code", m.code},
                       {"name", m.data.name},
                       {"type_label", domain::matter_type_label(m.data.type)},
                       {"citations", cites}});
    }
    lists.push_back({{"list", list},
                     {"township_kind", tk},
                     {"label", domain::list_label(list, tk)},
                     {"decision_no", a[0].str(0)},
                     {"decided_on", a[0].str(1)},
                     {"effective_from", a[0].str(2)},
                     {"items", items}});
  }
  return json{{"county_code", county_code}, {"county_name", c[0].str(1)}, {"lists", lists}};
}

}  // namespace zhifa::modules::catalogue
