#include "http/input.hpp"
#include "modules/registry.hpp"
#include "modules/roles/roles_service.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;

roles::RoleInput read_role(const std::string& body) {
  Input in(body, {"key", "name", "data_scope", "custom_org_ids", "permissions", "remark"});
  roles::RoleInput r;
  r.key = in.required_string("key", "角色标识", 32);
  r.name = in.required_string("name", "角色名称", 50);
  r.data_scope = in.required_string("data_scope", "数据权限", 20);
  r.custom_org_ids = in.id_list("custom_org_ids", "自定义机构", 1000);
  r.permissions = in.string_list("permissions", "权限", 200, 64);
  r.remark = in.optional_string("remark", "备注", 200).value_or("");
  return r;
}

json role_schema() {
  return {{"type", "object"},
          {"required", {"key", "name", "data_scope"}},
          {"additionalProperties", false},
          {"properties",
           {{"key", {{"type", "string"}, {"maxLength", 32}}},
            {"name", {{"type", "string"}, {"maxLength", 50}}},
            {"data_scope",
             {{"type", "string"},
              {"enum", {"all", "custom", "org", "org_and_below", "division_and_below", "self"}}}},
            {"custom_org_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
            {"permissions", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"remark", {{"type", "string"}, {"maxLength", 200}}}}}};
}

}  // namespace

void register_role_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<roles::RolesService>(env);
  const std::string tag = "角色 roles";
  router.add({"GET",
              "/api/roles",
              tag,
              "角色列表",
              Access::kSignedIn,
              "system:role:list",
              "",
              nullptr,
              {},
              [svc](Context&) { return Response::json_body(svc->list()); }});
  router.add({"POST",
              "/api/roles",
              tag,
              "新增角色",
              Access::kSignedIn,
              "system:role:create",
              "role.create",
              role_schema(),
              {},
              [svc](Context& ctx) {
                return http::render(svc->create(ctx.caller(), read_role(ctx.req.body)), ctx.req,
                                    201);
              }});
  router.add({"PUT",
              "/api/roles/{id}",
              tag,
              "修改角色",
              Access::kSignedIn,
              "system:role:update",
              "role.update",
              role_schema(),
              {},
              [svc](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                return http::render(svc->update(ctx.caller(), id, read_role(ctx.req.body)),
                                    ctx.req);
              }});
}

}  // namespace zhifa::modules
