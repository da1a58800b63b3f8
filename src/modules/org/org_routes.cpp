#include "http/input.hpp"
#include "modules/org/org_service.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;

}  // namespace

void register_org_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<org::OrgService>(env);
  const std::string tag = "组织机构 orgs";
  router.add({"GET",
              "/api/orgs/tree",
              tag,
              "机构树(按数据权限)",
              Access::kSignedIn,
              "system:org:list",
              "",
              nullptr,
              {},
              [svc](Context& ctx) { return Response::json_body(svc->tree(ctx.caller())); }});
  router.add({"GET",
              "/api/orgs/stats",
              tag,
              "机构数量统计",
              Access::kSignedIn,
              "",
              "",
              nullptr,
              {},
              [svc](Context& ctx) { return Response::json_body(svc->stats(ctx.caller())); }});
  router.add({"GET",
              "/api/orgs",
              tag,
              "机构列表",
              Access::kSignedIn,
              "system:org:list",
              "",
              nullptr,
              {"parent_id", "kind", "q", "page", "page_size"},
              [svc](Context& ctx) {
                org::OrgFilter f;
                f.parent_id = http::query_id(ctx.req, "parent_id");
                f.kind = http::query_text(ctx.req, "kind", "类型", 20);
                f.q = http::query_text(ctx.req, "q", "关键词", 50);
                auto page = http::page_of(ctx.req);
                return Response::json_body(svc->list(ctx.caller(), f, page.page, page.size));
              }});
  json create_schema = {
      {"type", "object"},
      {"required", {"code", "name", "kind"}},
      {"additionalProperties", false},
      {"properties",
       {{"parent_id", {{"type", "integer"}}},
        {"code", {{"type", "string"}, {"maxLength", 32}}},
        {"name", {{"type", "string"}, {"maxLength", 100}}},
        {"short_name", {{"type", "string"}, {"maxLength", 50}}},
        {"kind",
         {{"type", "string"}, {"enum", {"city", "county", "township", "body", "department"}}}},
        {"sort", {{"type", "integer"}}}}}};
  router.add({"POST",
              "/api/orgs",
              tag,
              "新增机构",
              Access::kSignedIn,
              "system:org:create",
              "org.create",
              create_schema,
              {},
              [svc](Context& ctx) {
                Input in(ctx.req.body, {"parent_id", "code", "name", "short_name", "kind", "sort"});
                org::NewOrg o;
                o.parent_id = in.optional_int("parent_id", "上级机构", 1, INT64_MAX);
                o.code = in.required_string("code", "机构编码", 32);
                o.name = in.required_string("name", "机构名称", 100);
                o.short_name = in.optional_string("short_name", "简称", 50).value_or("");
                o.kind = in.required_string("kind", "机构类型", 20);
                o.sort = static_cast<int>(in.optional_int("sort", "排序", 0, 100000).value_or(0));
                return http::render(svc->create(ctx.caller(), o), ctx.req, 201);
              }});
  json update_schema = {{"type", "object"},
                        {"required", {"name"}},
                        {"additionalProperties", false},
                        {"properties",
                         {{"name", {{"type", "string"}, {"maxLength", 100}}},
                          {"short_name", {{"type", "string"}, {"maxLength", 50}}},
                          {"status", {{"type", "string"}, {"enum", {"active", "disabled"}}}}}}};
  router.add({"PUT",
              "/api/orgs/{id}",
              tag,
              "修改机构",
              Access::kSignedIn,
              "system:org:update",
              "org.update",
              update_schema,
              {},
              [svc](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                Input in(ctx.req.body, {"name", "short_name", "status"});
                auto name = in.required_string("name", "机构名称", 100);
                auto short_name = in.optional_string("short_name", "简称", 50).value_or("");
                auto status = in.optional_string("status", "状态", 20).value_or("active");
                return http::render(svc->update(ctx.caller(), id, name, short_name, status),
                                    ctx.req);
              }});
}

}  // namespace zhifa::modules
