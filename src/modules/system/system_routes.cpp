#include "domain/certificate.hpp"
#include "domain/fields.hpp"
#include "http/metrics.hpp"
#include "modules/registry.hpp"

#include <fstream>

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Response;
using nlohmann::json;

long resident_kb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return 0;
}

json fields_dict() {
  json out = json::array();
  for (const auto& f : domain::enforcement_fields()) {
    out.push_back({{"value", f.key}, {"label", f.name_zh}, {"tag_type", "primary"}});
  }
  return out;
}

json cert_states_dict() {
  json out = json::array();
  using domain::CertState;
  for (CertState s :
       {CertState::kApplied, CertState::kExamPassed, CertState::kExamFailed, CertState::kIssued,
        CertState::kSuspended, CertState::kRevoked, CertState::kCancelled, CertState::kExpired}) {
    const char* tag = s == CertState::kIssued      ? "success"
                      : s == CertState::kSuspended ? "warning"
                      : s == CertState::kRevoked   ? "danger"
                      : domain::is_terminal(s)     ? "info"
                                                   : "primary";
    out.push_back(
        {{"value", domain::to_string(s)}, {"label", domain::label_zh(s)}, {"tag_type", tag}});
  }
  return out;
}

json dicts() {
  auto entry = [](const char* v, const char* l, const char* t) {
    return json{{"value", v}, {"label", l}, {"tag_type", t}};
  };
  return {
      {"enforcement_field", fields_dict()},
      {"certificate_state", cert_states_dict()},
      {"org_kind",
       {entry("city", "市", "danger"), entry("county", "县(市、区)", "warning"),
        entry("township", "乡镇(街道)", "success"), entry("body", "机关/执法队", "primary"),
        entry("department", "内设机构", "info")}},
      {"data_scope",
       {entry("all", "全部数据", "danger"), entry("custom", "自定义", "warning"),
        entry("org", "本部门", "info"), entry("org_and_below", "本部门及以下", "primary"),
        entry("division_and_below", "本级行政区域及以下", "warning"),
        entry("self", "仅本人", "info")}},
      {"user_status",
       {entry("active", "正常", "success"), entry("disabled", "停用", "info"),
        entry("locked", "锁定", "danger")}},
      {"org_status", {entry("active", "正常", "success"), entry("disabled", "停用", "info")}},
      // People (src/modules/people): the same labels the server puts on its own rows.
      {"officer_status", {entry("active", "在岗", "success"), entry("left", "离岗", "info")}},
      {"body_kind",
       {entry("organ", "行政机关", "primary"), entry("authorised", "法律法规授权组织", "success"),
        entry("entrusted", "受委托组织", "warning")}},
      {"body_status",
       {entry("active", "正常", "success"), entry("suspended", "暂停执法", "warning"),
        entry("revoked", "撤销", "danger")}},
      {"exam_status",
       {entry("open", "报名中", "primary"), entry("scored", "成绩已导入", "warning"),
        entry("closed", "已结束", "info")}},
      {"exam_outcome",
       {entry("pending", "待录入", "info"), entry("passed", "合格", "success"),
        entry("failed", "不合格", "danger")}},
      {"training_category",
       {entry("legal", "法律知识", "primary"), entry("professional", "业务知识", "success"),
        entry("skills", "执法技能", "warning")}},
      {"supervisor_kind",
       {entry("staff", "行政执法监督人员", "primary"), entry("social", "社会监督员", "success")}},
      {"supervisor_status", {entry("active", "在任", "success"), entry("ended", "已离任", "info")}},
      {"login_result",
       {entry("ok", "成功", "success"), entry("bad_password", "密码错误", "danger"),
        entry("locked", "账号锁定", "danger"), entry("disabled", "账号停用", "warning"),
        entry("unknown_user", "用户不存在", "warning")}},
  };
}

}  // namespace

void register_system_routes(http::Router& router, app::Env& env) {
  const std::string tag = "系统 system";
  router.add(
      {"GET", "/healthz", tag, "存活检查", Access::kPublic, "", "", nullptr, {}, [](Context&) {
         return Response::json_body({{"status", "ok"}});
       }});
  router.add(
      {"GET",
       "/readyz",
       tag,
       "就绪检查(数据库可用)",
       Access::kPublic,
       "",
       "",
       nullptr,
       {},
       [&env](Context&) {
         try {
           auto tx = env.db->read();
           tx->query("SELECT 1");
           return Response::json_body({{"status", "ready"}, {"database", env.db->describe()}});
         } catch (const std::exception& e) {
           return http::problem(
               {ErrorKind::kUnavailable, "db.unavailable", "数据库不可用", e.what(), {}}, "");
         }
       }});
  router.add({"GET",
              "/metrics",
              tag,
              "运行指标 (Prometheus)",
              Access::kPublic,
              "",
              "",
              nullptr,
              {},
              [](Context&) {
                std::string body = http::metrics().render();
                body += "# HELP zhifa_process_resident_memory_bytes Resident memory.\n";
                body += "# TYPE zhifa_process_resident_memory_bytes gauge\n";
                body += "zhifa_process_resident_memory_bytes " +
                        std::to_string(resident_kb() * 1024) + "\n";
                return Response::text(body, "text/plain; version=0.0.4; charset=utf-8");
              }});
  router.add(
      {"GET", "/api/dicts", tag, "数据字典", Access::kSignedIn, "", "", nullptr, {}, [](Context&) {
         return Response::json_body(dicts());
       }});
  router.add({"GET",
              "/api/permissions",
              tag,
              "权限树",
              Access::kSignedIn,
              "",
              "",
              nullptr,
              {},
              [](Context&) {
                json items = json::array();
                std::map<std::string, json*> by_key;
                std::function<json(const std::string&)> children = [&](const std::string& parent) {
                  json out = json::array();
                  for (const auto& p : domain::permission_catalogue()) {
                    if (p.parent != parent) continue;
                    out.push_back({{"key", p.key},
                                   {"name", p.name},
                                   {"type", p.type},
                                   {"children", children(p.key)}});
                  }
                  return out;
                };
                return Response::json_body(children(""));
              }});
}

}  // namespace zhifa::modules
