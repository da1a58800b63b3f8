#include "app/demo.hpp"

#include <nlohmann/json.hpp>

#include "app/demo_cases.hpp"
#include "app/demo_catalogue.hpp"
#include "app/demo_people.hpp"
#include "app/demo_publications.hpp"
#include "app/demo_records.hpp"
#include "domain/dates.hpp"
#include "modules/cases/case_settings_repo.hpp"
#include "modules/common/audit.hpp"
#include "modules/documents/documents.hpp"
#include "modules/laws/laws.hpp"
#include "modules/org/org_service.hpp"
#include "modules/roles/roles_service.hpp"
#include "modules/users/users_service.hpp"
#include "platform/embedded.hpp"
#include "platform/secrets.hpp"

namespace zhifa::app {
namespace {

struct Team {
  const char* key;
  const char* name;  // appended to the division's name
};

// DOMAIN.md §1: the city keeps 7 comprehensive enforcement teams; counties keep 6 (no ecology
// team).
constexpr Team kTeams[] = {
    {"SCJG", "市场监督管理综合行政执法队"}, {"STHJ", "生态环境保护综合行政执法队"},
    {"WHSC", "文化市场综合行政执法队"},     {"JTYS", "交通运输综合行政执法队"},
    {"NY", "农业综合行政执法队"},           {"CSGL", "城市管理综合行政执法队"},
    {"YJGL", "应急管理综合行政执法队"},
};

// Departments that enforce in their own name besides the teams (DOMAIN.md §1: 36 city-level and
// 522 county-level bodies in all). kind: organ | authorised | entrusted; field: domain/fields.
struct Agency {
  const char* key;
  const char* name;
  const char* kind;
  const char* field;
};

constexpr Agency kCityAgencies[] = {
    {"FGW", "发展和改革委员会", "organ", "other"},
    {"JYJ", "教育局", "organ", "education"},
    {"KJJ", "科学技术局", "organ", "other"},
    {"GXJ", "工业和信息化局", "organ", "other"},
    {"GAJ", "公安局", "organ", "public_security"},
    {"MZJ", "民政局", "organ", "civil_affairs"},
    {"CZJ", "财政局", "organ", "other"},
    {"RSJ", "人力资源和社会保障局", "organ", "labour"},
    {"ZRZY", "自然资源和规划局", "organ", "natural_resources"},
    {"ZJJ", "住房和城乡建设局", "organ", "housing"},
    {"SLJ", "水利局", "organ", "water"},
    {"SWJ", "商务局", "organ", "commerce"},
    {"WLJ", "文化和旅游局", "organ", "culture"},
    {"WJW", "卫生健康委员会", "organ", "health"},
    {"TYJ", "退役军人事务局", "organ", "other"},
    {"SJJ", "审计局", "organ", "other"},
    {"TJJ", "统计局", "organ", "statistics"},
    {"YBJ", "医疗保障局", "organ", "medical_insurance"},
    {"LYJ", "林业局", "organ", "forestry"},
    {"TYUJ", "体育局", "organ", "culture"},
    {"RFB", "人民防空办公室", "organ", "other"},
    {"XSJ", "行政审批服务管理局", "organ", "other"},
    {"NYJ", "能源局", "organ", "other"},
    {"LSZX", "粮食和物资储备中心", "authorised", "other"},
    {"QXJ", "气象局", "authorised", "other"},
    {"GJJ", "住房公积金管理中心", "authorised", "housing"},
    {"JGSW", "机关事务管理局", "organ", "other"},
    {"JRJ", "地方金融监督管理局", "organ", "other"},
};

constexpr Agency kCountyAgencies[] = {
    {"FGJ", "发展和改革局", "organ", "other"},
    {"JYJ", "教育科技局", "organ", "education"},
    {"GXJ", "工业和信息化局", "organ", "other"},
    {"GAJ", "公安局", "organ", "public_security"},
    {"MZJ", "民政局", "organ", "civil_affairs"},
    {"CZJ", "财政局", "organ", "other"},
    {"RSJ", "人力资源和社会保障局", "organ", "labour"},
    {"ZRZY", "自然资源局", "organ", "natural_resources"},
    {"ZJJ", "住房和城乡建设管理局", "organ", "housing"},
    {"SLJ", "水利局", "organ", "water"},
    {"NYNC", "农业农村局", "organ", "agriculture"},
    {"SWJ", "商务局", "organ", "commerce"},
    {"WLJ", "文化和旅游局", "organ", "culture"},
    {"WJJ", "卫生健康和体育局", "organ", "health"},
    {"TYJ", "退役军人事务局", "organ", "other"},
    {"SJJ", "审计局", "organ", "other"},
    {"TJJ", "统计局", "organ", "statistics"},
    {"YBJ", "医疗保障局", "organ", "medical_insurance"},
    {"LYJ", "林业局", "organ", "forestry"},
    {"XSJ", "行政审批服务管理局", "organ", "other"},
    {"NYJ", "能源局", "organ", "other"},
    {"XCZX", "乡村振兴局", "organ", "agriculture"},
    {"RFB", "人民防空办公室", "entrusted", "other"},
};

// The teams' fields (same order as kTeams).
constexpr const char* kTeamFields[] = {"market",      "ecology", "culture",  "transport",
                                       "agriculture", "urban",   "emergency"};

struct BuiltinRole {
  const char* key;
  const char* name;
  const char* scope;
  std::vector<std::string> permissions;
  const char* remark;
};

const std::vector<BuiltinRole>& builtin_roles() {
  static const std::vector<BuiltinRole> k = {
      {"admin", "系统管理员", "all", {"*"}, "全部功能、全部数据"},
      {"city_supervisor",
       "市司法局执法监督员",
       "all",
       {"catalogue:law:list",        "catalogue:law:manage",     "catalogue:matter:list",
        "catalogue:matter:manage",   "catalogue:benchmark:list", "catalogue:benchmark:manage",
        "system:org:list",           "system:user:list",         "system:role:list",
        "system:calendar:list",      "log:login:list",           "log:operation:list",
        "ledger:event:list",         "people:officer:list",      "people:body:list",
        "people:body:confirm",       "people:body:manage",       "people:exam:list",
        "people:exam:manage",        "people:training:list",     "people:training:manage",
        "people:supervisor:list",    "people:supervisor:manage", "people:report:list",
        "people:certificate:manage", "case:case:list",           "case:av:exempt",
        "case:template:manage",      "publish:queue:list",       "publish:approve",
        "publish:settings:manage"},
       "市级行政执法协调监督机构:查看全市数据,确认执法主体资格"},
      {"county_admin",
       "县级管理员",
       "org_and_below",
       {"catalogue:law:list",       "catalogue:matter:list",      "catalogue:matter:manage",
        "catalogue:township:adopt", "catalogue:benchmark:list",   "catalogue:benchmark:manage",
        "system:org:list",          "system:org:create",          "system:org:update",
        "system:user:list",         "system:user:create",         "system:user:update",
        "system:user:disable",      "system:user:reset_password", "system:role:list",
        "log:login:list",           "log:operation:list",         "ledger:event:list",
        "people:officer:list",      "people:officer:create",      "people:officer:update",
        "people:officer:import",    "people:certificate:manage",  "people:body:list",
        "people:body:manage",       "people:training:list",       "people:training:manage",
        "people:exam:list",         "people:report:list"},
       "管理本县(市、区)及所属乡镇的机构、账号与执法人员"},
      {"county_supervisor",
       "县司法局执法监督员",
       "division_and_below",
       {"catalogue:law:list",       "catalogue:matter:list", "catalogue:benchmark:list",
        "system:org:list",          "system:user:list",      "log:login:list",
        "log:operation:list",       "ledger:event:list",     "people:officer:list",
        "people:body:list",         "people:body:confirm",   "people:exam:list",
        "people:exam:manage",       "people:training:list",  "people:supervisor:list",
        "people:supervisor:manage", "people:report:list",    "people:certificate:manage",
        "case:case:list",           "case:av:exempt",        "publish:queue:list",
        "publish:approve"},
       "县级行政执法协调监督机构:查看本县数据,确认执法主体资格"},
      {"township_staff",
       "乡镇执法人员",
       "org_and_below",
       {"system:org:list", "catalogue:law:list", "catalogue:matter:list",
        "catalogue:benchmark:list", "case:case:list", "case:handle"},
       "乡镇(街道)综合行政执法办公室"},
      {"officer",
       "执法人员",
       "self",
       {"catalogue:law:list", "catalogue:matter:list", "catalogue:benchmark:list"},
       "仅本人数据"},
  };
  return k;
}

std::int64_t must(Result<std::int64_t> r) { return std::move(r).take(); }

}  // namespace

Status ensure_builtin_roles(db::Tx& tx, std::int64_t now) {
  for (const auto& r : builtin_roles()) {
    if (tx.scalar_i64("SELECT COUNT(*) FROM roles WHERE key = ?", {r.key}) > 0) continue;
    modules::roles::RoleInput in{r.key, r.name, r.scope, {}, r.permissions, r.remark, true};
    auto id = modules::roles::create_in(tx, nullptr, in, now);
    if (!id) return id.error();
  }
  return Ok{};
}

Result<DemoReport> load_demo(Env& env, bool with_people, bool with_cases) {
  DemoReport report;
  report.password = kDemoPassword;
  {
    auto tx = env.db->read();
    if (tx->scalar_i64("SELECT COUNT(*) FROM orgs") > 0) return report;
  }
  auto text = embedded::file("data/yuncheng-divisions.json");
  if (!text) return Error::internal("demo data missing from the binary");
  auto divisions = nlohmann::json::parse(*text);

  struct PlannedUser {
    std::string username, display_name, role_key, org_code;
  };
  const std::vector<PlannedUser> planned = {
      {"admin", "系统管理员", "admin", "140800"},
      {"sfj_city", "市司法局监督员", "city_supervisor", "140800-SFJ"},
      {"yanhu_admin", "盐湖区管理员", "county_admin", "140802"},
      {"yongji_admin", "永济市管理员", "county_admin", "140881"},
      {"yongji_sfj", "永济市司法局监督员", "county_supervisor", "140881-SFJ"},
      {"zhongcheng_staff", "中城街道执法人员", "township_staff", "140802001-ZFB"},
      {"officer_demo", "市场监管执法人员", "officer", "140800-ZF-SCJG"},
  };
  // Hash outside the transaction: argon2id is slow on purpose.
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < planned.size(); ++i)
    hashes.push_back(secrets::hash_password(kDemoPassword));

  std::int64_t now = env.now();
  auto r = db::with_write(*env.db, [&](db::Tx& tx) -> Status {
    using modules::org::NewOrg;
    std::map<std::string, std::int64_t> ids;
    auto add = [&](std::optional<std::int64_t> parent, std::string code, std::string name,
                   std::string kind, int sort) {
      std::int64_t id = must(
          modules::org::create_in(tx, nullptr, NewOrg{parent, code, name, "", kind, sort}, now));
      ids[code] = id;
      if (kind == "body") report.bodies++;
      return id;
    };
    std::vector<DemoBody> bodies;
    auto body = [&](std::optional<std::int64_t> parent, const std::string& code,
                    const std::string& name, int sort, std::string kind, std::string field,
                    std::string basis, int county) {
      std::int64_t id = add(parent, code, name, "body", sort);
      bodies.push_back(
          {id, code, name, std::move(kind), std::move(field), std::move(basis), county});
      return id;
    };
    const std::string organ_basis =
        "《中华人民共和国行政处罚法》《中华人民共和国行政许可法》《中华人民共和国行政强制法》及本机"
        "关"
        "职能配置、内设机构和人员编制规定";
    const std::string team_basis =
        "《中华人民共和国行政处罚法》第十八条;综合行政执法改革方案(局队合一,以主管部门名义执法)";
    const std::string town_basis =
        "《中华人民共和国行政处罚法》第二十四条;山西省赋予乡镇(街道)的县级行政执法事项目录";
    const std::string entrusted_basis =
        "《中华人民共和国行政处罚法》第二十条;委托机关出具的行政执法委托书(以委托机关名义执法)";
    auto basis_of = [&](const std::string& kind) {
      return kind == "entrusted"    ? entrusted_basis
             : kind == "authorised" ? team_basis
                                    : organ_basis;
    };
    const auto& city = divisions["city"];
    std::string city_name = city["name"];
    std::string city_code = city["code"];
    std::int64_t city_id = add(std::nullopt, city_code, city_name, "city", 0);
    std::int64_t sfj = body(city_id, city_code + "-SFJ", city_name + "司法局", 1, "organ", "other",
                            organ_basis, -1);
    add(sfj, city_code + "-SFJ-JDK", "行政执法协调监督科", "department", 1);
    int sort = 2;
    for (std::size_t t = 0; t < std::size(kTeams); ++t) {
      body(city_id, city_code + "-ZF-" + kTeams[t].key, city_name + kTeams[t].name, sort++,
           "authorised", kTeamFields[t], team_basis, -1);
    }
    for (const auto& a : kCityAgencies) {
      body(city_id, city_code + "-JG-" + a.key, city_name + a.name, sort++, a.kind, a.field,
           basis_of(a.kind), -1);
    }
    int county_sort = 100;
    int county_index = 0;
    for (const auto& c : divisions["counties"]) {
      std::string code = c["code"], name = c["name"];
      std::int64_t county = add(city_id, code, name, "county", county_sort++);
      report.counties++;
      body(county, code + "-SFJ", name + "司法局", 1, "organ", "other", organ_basis, county_index);
      int s = 2;
      // 盐湖区 is the city's core district: the city teams enforce there (DOMAIN.md §1).
      if (name != "盐湖区") {
        for (std::size_t t = 0; t < std::size(kTeams); ++t) {
          if (std::string(kTeams[t].key) == "STHJ") continue;
          body(county, code + "-ZF-" + kTeams[t].key, name + kTeams[t].name, s++, "authorised",
               kTeamFields[t], team_basis, county_index);
        }
      }
      // 290 county departments: the first four counties keep 23, the others 22.
      std::size_t agencies = county_index < 4 ? 23 : 22;
      for (std::size_t a = 0; a < agencies && a < std::size(kCountyAgencies); ++a) {
        const auto& g = kCountyAgencies[a];
        body(county, code + "-JG-" + g.key, name + g.name, s++, g.kind, g.field, basis_of(g.kind),
             county_index);
      }
      int ts = 100;
      for (const auto& t : c["townships"]) {
        std::string tcode = t["code"], tname = t["name"];
        std::int64_t town = add(county, tcode, tname, "township", ts++);
        report.townships++;
        body(town, tcode + "-ZFB", tname + "综合行政执法办公室", 1, "organ", "township", town_basis,
             county_index);
      }
      ++county_index;
    }
    for (const auto& b : bodies) {
      tx.exec(
          "INSERT INTO enforcement_bodies (org_id, body_kind, legal_basis, fields, status, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)",
          {b.id, b.kind, b.basis, b.field, now, now});
    }
    modules::record(tx, nullptr, now, city_id, "demo", "bodies", "demo.bodies_registered",
                    {{"bodies", bodies.size()}});
    // The legal basis library: every law and regulation the enforcement fields rely on.
    auto laws = modules::laws::load_embedded(tx, now);
    if (!laws) return laws.error();
    modules::record(tx, nullptr, now, city_id, "demo", "laws", "demo.laws_loaded",
                    {{"laws", *laws}});
    // The catalogue of matters, the township lists, benchmarks and lenient lists.
    auto catalogue = load_demo_catalogue(tx, now);
    if (!catalogue) return catalogue.error();
    report.matters = catalogue->matters + catalogue->township_matters;
    report.benchmarks = catalogue->benchmarks;
    report.lenient = catalogue->lenient;
    modules::record(tx, nullptr, now, city_id, "demo", "catalogue", "demo.catalogue_loaded",
                    {{"matters", catalogue->matters},
                     {"township_matters", catalogue->township_matters},
                     {"adoptions", catalogue->adoptions},
                     {"benchmarks", catalogue->benchmarks},
                     {"lenient_entries", catalogue->lenient}});
    // The case rules as the city set them: the national defaults, and the extension of the
    // decision deadline the market regulator's procedure rules allow.
    domain::CaseSettings rules;
    rules.extensions["market"] = {30, "《市场监督管理行政处罚程序规定》(演示配置)"};
    modules::cases::save_case_settings(tx, rules, now, std::nullopt);
    if (with_people) {
      if (auto ok = load_demo_people(env, tx, bodies, now, report); !ok) return ok.error();
      // A year of penalty cases, handled by the officers above.
      if (with_cases) {
        auto cases = load_demo_cases(tx, now, domain::shanghai_date(now));
        if (!cases) return cases.error();
        report.cases = cases->cases;
        report.case_steps = cases->steps;
      }
    }
    if (auto ok = ensure_builtin_roles(tx, now); !ok) return ok.error();
    for (std::size_t i = 0; i < planned.size(); ++i) {
      const auto& p = planned[i];
      std::int64_t role_id = tx.scalar_i64("SELECT id FROM roles WHERE key = ?", {p.role_key});
      modules::users::UserInput in;
      in.username = p.username;
      in.display_name = p.display_name;
      in.org_id = ids.at(p.org_code);
      in.role_ids = {role_id};
      in.must_change_password = false;
      must(modules::users::create_in(tx, nullptr, in, hashes[i], *env.cipher, now));
      std::string role_name = tx.query("SELECT name FROM roles WHERE id = ?", {role_id})[0].str(0);
      std::string org_name = tx.query("SELECT name FROM orgs WHERE id = ?", {in.org_id})[0].str(0);
      report.accounts.push_back({p.username, p.display_name, role_name, org_name});
    }
    return Ok{};
  });
  if (!r) return r.error();
  if (with_people && with_cases) {
    // Records, a photo and documents for a few cases, through the services (the templates first).
    modules::documents::seed_templates(env);
    auto records = load_demo_records(env);
    if (!records) return records.error();
    report.record_cases = records->cases;
    report.documents = records->documents;
    auto pubs = load_demo_publications(env);
    if (!pubs) return pubs.error();
    report.published = pubs->published;
    report.publication_queue = pubs->queued;
  }
  report.loaded = true;
  return report;
}

}  // namespace zhifa::app
