#include "modules/people/bodies.hpp"

#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/org/org_repo.hpp"
#include "platform/pdf.hpp"

namespace zhifa::modules::people {
namespace {

struct KindDef {
  std::string_view key, label;
};
constexpr KindDef kKinds[] = {
    {"organ", "行政机关"}, {"authorised", "法律法规授权组织"}, {"entrusted", "受委托组织"}};
constexpr KindDef kStatuses[] = {
    {"active", "正常"}, {"suspended", "暂停执法"}, {"revoked", "撤销"}};

std::string_view find_label(const KindDef* begin, const KindDef* end, std::string_view key) {
  for (auto* k = begin; k != end; ++k) {
    if (k->key == key) return k->label;
  }
  return key;
}

// Columns of a body row; `?` in the select: today, today, year.
constexpr const char* kSelect =
    "SELECT o.id, o.code, o.name, o.path, p.kind, p.name, gp.kind, gp.name, gp.code, p.code, "
    "COALESCE(b.body_kind, 'organ'), COALESCE(b.legal_basis, ''), COALESCE(b.fields, ''), "
    "b.credit_code, COALESCE(b.status, 'active'), "
    "(SELECT COUNT(*) FROM officers f WHERE f.org_id = o.id AND f.status = 'active'), "
    "(SELECT COUNT(DISTINCT f.id) FROM officers f JOIN certificates c ON c.officer_id = f.id "
    " WHERE f.org_id = o.id AND f.status = 'active' AND c.state = 'issued' "
    " AND c.valid_from <= ? AND c.valid_until >= ?), "
    "(SELECT COUNT(*) FROM officers f WHERE f.org_id = o.id AND f.status = 'active' "
    " AND f.legal_reviewer = 1), "
    "(SELECT COUNT(*) FROM body_confirmations bc WHERE bc.org_id = o.id AND bc.year = ?)";
constexpr const char* kFrom =
    " FROM orgs o LEFT JOIN enforcement_bodies b ON b.org_id = o.id "
    "LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN orgs gp ON gp.id = p.parent_id "
    "WHERE o.kind = 'body'";

struct BodyRow {
  std::int64_t org_id = 0;
  std::string code, name, path, level, parent_name, county_name, county_code, kind, legal_basis,
      fields, status;
  std::optional<std::string> credit_code;
  std::int64_t officers = 0, certified = 0, reviewers = 0;
  bool confirmed = false;
};

BodyRow to_body(const db::Row& r) {
  BodyRow b;
  b.org_id = r.i64(0);
  b.code = r.str(1);
  b.name = r.str(2);
  b.path = r.str(3);
  std::string pkind = r.str(4);
  b.parent_name = r.str(5);
  std::string gpkind = r.str(6);
  if (pkind == "city") {
    b.level = "city";
    b.county_name = "市本级";
    b.county_code = r.str(9);
  } else if (pkind == "county") {
    b.level = "county";
    b.county_name = r.str(5);
    b.county_code = r.str(9);
  } else if (pkind == "township") {
    b.level = "township";
    b.county_name = gpkind == "county" ? r.str(7) : "";
    b.county_code = gpkind == "county" ? r.str(8) : "";
  } else {
    b.level = "other";
  }
  b.kind = r.str(10);
  b.legal_basis = r.str(11);
  b.fields = r.str(12);
  b.credit_code = r.opt_str(13);
  b.status = r.str(14);
  b.officers = r.i64(15);
  b.certified = r.i64(16);
  b.reviewers = r.i64(17);
  b.confirmed = r.i64(18) > 0;
  return b;
}

std::string field_labels(const std::string& joined, const char* sep = "、") {
  std::string out;
  for (const auto& k : domain::split_fields(joined)) {
    for (const auto& f : domain::enforcement_fields()) {
      if (f.key == k) {
        if (!out.empty()) out += sep;
        out += f.name_zh;
      }
    }
  }
  return out;
}

nlohmann::json fields_json(const std::string& joined) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : domain::split_fields(joined)) a.push_back(f);
  return a;
}

nlohmann::json body_json(const BodyRow& b) {
  return {{"org_id", b.org_id},
          {"code", b.code},
          {"name", b.name},
          {"level", b.level},
          {"county_name", b.county_name},
          {"parent_name", b.parent_name},
          {"kind", b.kind},
          {"kind_label", body_kind_label(b.kind)},
          {"legal_basis", b.legal_basis},
          {"fields", fields_json(b.fields)},
          {"credit_code", b.credit_code ? nlohmann::json(*b.credit_code) : nlohmann::json()},
          {"status", b.status},
          {"status_label", body_status_label(b.status)},
          {"officer_count", b.officers},
          {"certified_count", b.certified},
          {"legal_reviewer_count", b.reviewers},
          {"confirmed", b.confirmed}};
}

// WHERE additions for a filter (after kFrom), with their params appended.
std::string filter_sql(db::Tx& tx, const BodyFilter& f, db::Params& params) {
  std::string w;
  if (f.org_id) {
    auto o = org::find(tx, *f.org_id);
    std::string path = o ? o->path : "/none/";
    w += " AND substr(o.path, 1, ?) = ?";
    params.emplace_back(static_cast<std::int64_t>(path.size()));
    params.emplace_back(path);
  }
  if (f.q && !f.q->empty()) {
    w += " AND (o.name LIKE ? ESCAPE '\\' OR o.code LIKE ? ESCAPE '\\')";
    params.emplace_back("%" + like_escape(*f.q) + "%");
    params.emplace_back("%" + like_escape(*f.q) + "%");
  }
  if (f.kind) {
    w += " AND COALESCE(b.body_kind, 'organ') = ?";
    params.emplace_back(*f.kind);
  }
  if (f.status) {
    w += " AND COALESCE(b.status, 'active') = ?";
    params.emplace_back(*f.status);
  }
  if (f.field) {
    w += " AND (',' || COALESCE(b.fields, '') || ',') LIKE ? ESCAPE '\\'";
    params.emplace_back("%," + like_escape(*f.field) + ",%");
  }
  if (f.city_level_only) w += " AND p.kind = 'city'";
  if (f.confirmed) {
    w += std::string(" AND ") + (*f.confirmed ? "" : "NOT ") +
         "EXISTS (SELECT 1 FROM body_confirmations bc2 WHERE bc2.org_id = o.id AND bc2.year = ?)";
    params.emplace_back(static_cast<std::int64_t>(f.year));
  }
  return w;
}

std::vector<BodyRow> query_bodies(db::Tx& tx, const domain::Scope* scope, const BodyFilter& f,
                                  const std::string& today, std::int64_t limit, std::int64_t offset,
                                  std::int64_t& total) {
  db::Params select_params = {today, today, static_cast<std::int64_t>(f.year)};
  db::Params params;
  std::string where;
  if (scope) {
    auto cond = org_scope(*scope, "o", "");
    where += " AND " + cond.sql;
    params.insert(params.end(), cond.params.begin(), cond.params.end());
  }
  where += filter_sql(tx, f, params);
  std::vector<BodyRow> out;
  for (auto r : fetch_page(tx, kSelect, select_params, std::string(kFrom) + where,
                           " ORDER BY o.code", params, limit, offset, total)) {
    out.push_back(to_body(r));
  }
  return out;
}

std::string chinese_date(const std::string& iso) {
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

}  // namespace

std::string_view body_kind_label(std::string_view kind) {
  return find_label(std::begin(kKinds), std::end(kKinds), kind);
}
std::string_view body_status_label(std::string_view status) {
  return find_label(std::begin(kStatuses), std::end(kStatuses), status);
}
bool is_body_kind(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (k.key == kind) return true;
  }
  return false;
}
bool is_body_status(std::string_view status) {
  for (const auto& k : kStatuses) {
    if (k.key == status) return true;
  }
  return false;
}

int BodyService::current_year() const { return domain::year_of(domain::shanghai_date(env_.now())); }

nlohmann::json BodyService::list(const domain::Scope& scope, const BodyFilter& f, std::int64_t page,
                                 std::int64_t size) {
  auto tx = env_.db->read();
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : query_bodies(*tx, &scope, f, domain::shanghai_date(env_.now()), size,
                                    (page - 1) * size, total)) {
    items.push_back(body_json(b));
  }
  return {{"items", items}, {"total", total}, {"year", f.year}};
}

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
BodyService::export_rows(const domain::Scope& scope, const BodyFilter& f) {
  auto tx = env_.db->read();
  std::int64_t total = 0;
  std::vector<xlsx::Column> cols = {{"主体编码", 18},
                                    {"执法主体名称", 36},
                                    {"所属县(市、区)", 14},
                                    {"层级", 8},
                                    {"主体性质", 16},
                                    {"执法领域", 24},
                                    {"职权依据", 40},
                                    {"统一社会信用代码", 22},
                                    {"状态", 10},
                                    {"执法人员数", 10, true},
                                    {"持证人数", 10, true},
                                    {"法制审核人员数", 12, true},
                                    {std::to_string(f.year) + "年度资格确认", 14}};
  std::vector<std::vector<std::string>> rows;
  static const std::map<std::string, std::string> levels = {
      {"city", "市级"}, {"county", "县级"}, {"township", "乡级"}, {"other", ""}};
  for (const auto& b :
       query_bodies(*tx, &scope, f, domain::shanghai_date(env_.now()), 1'000'000, 0, total)) {
    rows.push_back({b.code, b.name, b.county_name, levels.at(b.level),
                    std::string(body_kind_label(b.kind)), field_labels(b.fields), b.legal_basis,
                    b.credit_code.value_or(""), std::string(body_status_label(b.status)),
                    std::to_string(b.officers), std::to_string(b.certified),
                    std::to_string(b.reviewers), b.confirmed ? "已确认" : "未确认"});
  }
  return {cols, rows};
}

Result<nlohmann::json> BodyService::get(const domain::Scope& scope, std::int64_t org_id) {
  auto tx = env_.db->read();
  auto cond = org_scope(scope, "o", "");
  db::Params params = {domain::shanghai_date(env_.now()), domain::shanghai_date(env_.now()),
                       static_cast<std::int64_t>(current_year())};
  params.insert(params.end(), cond.params.begin(), cond.params.end());
  params.emplace_back(org_id);
  auto rows =
      tx->query(std::string(kSelect) + kFrom + " AND " + cond.sql + " AND o.id = ?", params);
  if (rows.empty()) return Error::not_found("执法主体", "enforcement body");
  nlohmann::json j = body_json(to_body(rows[0]));
  nlohmann::json years = nlohmann::json::array();
  for (auto r :
       tx->query("SELECT year FROM body_confirmations WHERE org_id = ? ORDER BY year", {org_id})) {
    years.push_back(r.i64(0));
  }
  j["confirmed_years"] = years;
  return j;
}

Result<nlohmann::json> BodyService::update(const domain::Scope& scope, std::int64_t org_id,
                                           const BodyUpdate& in) {
  if (!is_body_kind(in.kind)) {
    return Error::invalid("body.kind", "主体性质应为行政机关、法律法规授权组织或受委托组织",
                          "kind must be organ, authorised or entrusted", "kind");
  }
  if (!is_body_status(in.status)) {
    return Error::invalid("body.status", "状态应为正常、暂停执法或撤销",
                          "status must be active, suspended or revoked", "status");
  }
  if (auto ok = domain::check_fields(in.fields); !ok) return ok.error();
  std::optional<std::string> credit;
  if (in.credit_code && !in.credit_code->empty()) {
    if (auto ok = domain::check_uscc(*in.credit_code); !ok) return ok.error();
    credit = in.credit_code;
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = org::find(tx, org_id);
    if (!o || !scope.covers({o->id, o->path}) || o->kind != "body") {
      return Error::not_found("执法主体", "enforcement body");
    }
    if (credit && tx.scalar_i64("SELECT COUNT(*) FROM enforcement_bodies WHERE credit_code = ? "
                                "AND org_id <> ?",
                                {*credit, org_id}) > 0) {
      return Error::conflict("body.credit_code_taken", "该统一社会信用代码已登记在其他执法主体",
                             "credit code already registered for another body", "credit_code");
    }
    std::string fields = domain::join_fields(in.fields);
    if (tx.scalar_i64("SELECT COUNT(*) FROM enforcement_bodies WHERE org_id = ?", {org_id}) > 0) {
      tx.exec(
          "UPDATE enforcement_bodies SET body_kind = ?, legal_basis = ?, fields = ?, "
          "credit_code = ?, status = ?, updated_at = ?, updated_by = ? WHERE org_id = ?",
          {in.kind, in.legal_basis, fields, credit, in.status, now, scope.user_id, org_id});
    } else {
      tx.exec(
          "INSERT INTO enforcement_bodies (org_id, body_kind, legal_basis, fields, credit_code, "
          "status, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?)",
          {org_id, in.kind, in.legal_basis, fields, credit, in.status, now, scope.user_id, now,
           scope.user_id});
    }
    record(tx, &scope, now, org_id, "body", std::to_string(org_id), "body.updated",
           {{"kind", in.kind},
            {"legal_basis", in.legal_basis},
            {"fields", in.fields},
            {"credit_code", credit ? nlohmann::json(*credit) : nlohmann::json()},
            {"status", in.status}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, org_id);
}

Result<std::string> BodyService::announcement_pdf(const domain::Scope& scope, int year) {
  auto tx = env_.db->read();
  BodyFilter f;
  f.year = year;
  f.confirmed = true;
  f.status = "active";
  std::int64_t total = 0;
  auto bodies =
      query_bodies(*tx, &scope, f, domain::shanghai_date(env_.now()), 1'000'000, 0, total);
  if (bodies.empty()) {
    return Error::conflict("body.none_confirmed",
                           std::to_string(year) + "年度尚未确认任何执法主体,无法生成公告",
                           "no body is confirmed for that year", "year");
  }
  // The issuer is the caller's justice bureau; the region is its city or county.
  auto own = org::find(*tx, scope.org_id);
  std::string issuer = own ? own->name : "";
  std::string region = issuer;
  if (own && own->parent_id) {
    auto parent = org::find(*tx, *own->parent_id);
    if (parent && (parent->kind == "city" || parent->kind == "county")) region = parent->name;
  }
  if (own && (own->kind == "city" || own->kind == "county")) region = own->name;

  pdf::Document doc;
  doc.title = region + std::to_string(year) + "年度行政执法主体资格确认公告";
  doc.author = issuer;
  doc.blocks.push_back(pdf::Block::title(doc.title));
  doc.blocks.push_back(pdf::Block::paragraph(
      "根据《中华人民共和国行政处罚法》等法律、法规和规章的规定,经审核确认,现将" + region +
      std::to_string(year) + "年度行政执法主体名单(共 " + std::to_string(bodies.size()) +
      " 个)予以公告。名单以外的组织不得以自己的名义实施行政执法;"
      "受委托组织在委托范围内以委托机关的名"
      "义实施行政执法。欢迎社会各界监督。"));
  std::string county;
  std::vector<std::vector<std::string>> rows;
  int n = 0;
  auto flush = [&] {
    if (rows.size() > 1) doc.blocks.push_back(pdf::Block::table(rows, {1, 6, 3, 4, 5}));
    rows.clear();
  };
  for (const auto& b : bodies) {
    if (b.county_name != county || rows.empty()) {
      flush();
      county = b.county_name;
      doc.blocks.push_back(pdf::Block::heading(county.empty() ? "其他" : county));
      rows.push_back({"序号", "执法主体名称", "主体性质", "执法领域", "职权依据"});
    }
    rows.push_back({std::to_string(++n), b.name, std::string(body_kind_label(b.kind)),
                    field_labels(b.fields), b.legal_basis});
  }
  flush();
  doc.blocks.push_back(pdf::Block::space());
  doc.blocks.push_back(pdf::Block::right(issuer));
  doc.blocks.push_back(pdf::Block::right(chinese_date(domain::shanghai_date(env_.now()))));
  return pdf::render(doc);
}

nlohmann::json BodyService::public_list(std::optional<int> year,
                                        const std::optional<std::string>& q,
                                        const std::optional<std::string>& county, std::int64_t page,
                                        std::int64_t size) {
  auto tx = env_.db->read();
  nlohmann::json years = nlohmann::json::array();
  for (auto r : tx->query("SELECT DISTINCT year FROM body_confirmations ORDER BY year DESC")) {
    years.push_back(r.i64(0));
  }
  int y = year ? *year : (years.empty() ? current_year() : static_cast<int>(years[0]));
  BodyFilter f;
  f.year = y;
  f.confirmed = true;
  f.status = "active";  // a body suspended or revoked since its confirmation is not published
  f.q = q;
  if (county && !county->empty()) {
    auto c = tx->query("SELECT id, kind FROM orgs WHERE code = ? AND kind IN ('city', 'county')",
                       {*county});
    f.org_id = c.empty() ? std::int64_t{-1} : c[0].i64(0);
    // The city's code means the city-level bodies (市本级), not the whole city.
    f.city_level_only = !c.empty() && c[0].str(1) == "city";
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : query_bodies(*tx, nullptr, f, domain::shanghai_date(env_.now()), size,
                                    (page - 1) * size, total)) {
    items.push_back({{"name", b.name},
                     {"county_name", b.county_name},
                     {"kind_label", body_kind_label(b.kind)},
                     {"legal_basis", b.legal_basis},
                     {"fields", fields_json(b.fields)}});
  }
  nlohmann::json counties = nlohmann::json::array();
  for (auto r : tx->query("SELECT code, name FROM orgs WHERE kind IN ('city', 'county') ORDER BY "
                          "level, sort, code")) {
    counties.push_back({{"code", r.str(0)}, {"name", r.str(1)}});
  }
  return {
      {"year", y}, {"years", years}, {"counties", counties}, {"items", items}, {"total", total}};
}

}  // namespace zhifa::modules::people
