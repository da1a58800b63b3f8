#include "app/demo.hpp"

#include <nlohmann/json.hpp>

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
       {"system:org:list", "system:user:list", "system:role:list", "log:login:list",
        "log:operation:list", "ledger:event:list", "people:officer:list", "people:body:list",
        "people:body:confirm"},
       "市级行政执法协调监督机构:查看全市数据,确认执法主体资格"},
      {"county_admin",
       "县级管理员",
       "org_and_below",
       {"system:org:list", "system:org:create", "system:org:update", "system:user:list",
        "system:user:create", "system:user:update", "system:user:disable",
        "system:user:reset_password", "system:role:list", "log:login:list", "log:operation:list",
        "ledger:event:list", "people:officer:list", "people:officer:create",
        "people:certificate:manage", "people:body:list"},
       "管理本县(市、区)及所属乡镇的机构、账号与执法人员"},
      {"county_supervisor",
       "县司法局执法监督员",
       "org_and_below",
       {"system:org:list", "system:user:list", "log:login:list", "log:operation:list",
        "ledger:event:list", "people:officer:list", "people:body:list", "people:body:confirm"},
       "县级行政执法协调监督机构:查看本县数据,确认执法主体资格"},
      {"township_staff",
       "乡镇执法人员",
       "org_and_below",
       {"system:org:list"},
       "乡镇(街道)综合行政执法办公室"},
      {"officer", "执法人员", "self", {}, "仅本人数据"},
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

Result<DemoReport> load_demo(Env& env) {
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
    const auto& city = divisions["city"];
    std::string city_name = city["name"];
    std::int64_t city_id = add(std::nullopt, city["code"], city_name, "city", 0);
    std::int64_t sfj =
        add(city_id, std::string(city["code"]) + "-SFJ", city_name + "司法局", "body", 1);
    add(sfj, std::string(city["code"]) + "-SFJ-JDK", "行政执法协调监督科", "department", 1);
    int sort = 2;
    for (const auto& t : kTeams) {
      add(city_id, std::string(city["code"]) + "-ZF-" + t.key, city_name + t.name, "body", sort++);
    }
    int county_sort = 100;
    for (const auto& c : divisions["counties"]) {
      std::string code = c["code"], name = c["name"];
      std::int64_t county = add(city_id, code, name, "county", county_sort++);
      report.counties++;
      add(county, code + "-SFJ", name + "司法局", "body", 1);
      // 盐湖区 is the city's core district: the city teams enforce there (DOMAIN.md §1).
      if (name != "盐湖区") {
        int s = 2;
        for (const auto& t : kTeams) {
          if (std::string(t.key) == "STHJ") continue;
          add(county, code + "-ZF-" + t.key, name + t.name, "body", s++);
        }
      }
      int ts = 100;
      for (const auto& t : c["townships"]) {
        std::string tcode = t["code"], tname = t["name"];
        std::int64_t town = add(county, tcode, tname, "township", ts++);
        report.townships++;
        add(town, tcode + "-ZFB", tname + "综合行政执法办公室", "body", 1);
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
  report.loaded = true;
  return report;
}

}  // namespace zhifa::app
