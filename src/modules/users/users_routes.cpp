#include "http/input.hpp"
#include "modules/registry.hpp"
#include "modules/users/users_service.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;

users::UserInput read_user(Input& in, bool creating) {
  users::UserInput u;
  if (creating) u.username = in.required_string("username", "用户名", 32);
  u.display_name = in.required_string("display_name", "姓名", 50);
  u.org_id = in.required_int("org_id", "所属机构", 1, INT64_MAX);
  u.role_ids = in.id_list("role_ids", "角色", 20);
  u.phone = in.optional_string("phone", "手机号", 20).value_or("");
  return u;
}

json user_schema(bool creating) {
  json props = {{"display_name", {{"type", "string"}, {"maxLength", 50}}},
                {"org_id", {{"type", "integer"}}},
                {"role_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
                {"phone", {{"type", "string"}}}};
  json required = {"display_name", "org_id", "role_ids"};
  if (creating) {
    props["username"] = {{"type", "string"}, {"maxLength", 32}};
    required.push_back("username");
  }
  return {{"type", "object"},
          {"properties", props},
          {"required", required},
          {"additionalProperties", false}};
}

}  // namespace

void register_user_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<users::UsersService>(env);
  const std::string tag = "用户 users";
  router.add({"GET",
              "/api/users",
              tag,
              "用户列表(按数据权限)",
              Access::kSignedIn,
              "system:user:list",
              "",
              nullptr,
              {"org_id", "q", "status", "page", "page_size"},
              [svc](Context& ctx) {
                users::UserFilter f;
                auto org_id = http::query_id(ctx.req, "org_id");
                f.q = http::query_text(ctx.req, "q", "关键词", 50);
                f.status = http::query_text(ctx.req, "status", "状态", 20);
                auto page = http::page_of(ctx.req);
                return Response::json_body(
                    svc->list(ctx.caller(), org_id, f, page.page, page.size));
              }});
  router.add({"POST",
              "/api/users",
              tag,
              "新增用户",
              Access::kSignedIn,
              "system:user:create",
              "user.create",
              user_schema(true),
              {},
              [svc](Context& ctx) {
                Input in(ctx.req.body, {"username", "display_name", "org_id", "role_ids", "phone"});
                return http::render(svc->create(ctx.caller(), read_user(in, true)), ctx.req, 201);
              }});
  router.add({"PUT",
              "/api/users/{id}",
              tag,
              "修改用户",
              Access::kSignedIn,
              "system:user:update",
              "user.update",
              user_schema(false),
              {},
              [svc](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                Input in(ctx.req.body, {"display_name", "org_id", "role_ids", "phone"});
                return http::render(svc->update(ctx.caller(), id, read_user(in, false)), ctx.req);
              }});
  router.add(
      {"POST",
       "/api/users/{id}/disable",
       tag,
       "停用用户",
       Access::kSignedIn,
       "system:user:disable",
       "user.disable",
       nullptr,
       {},
       [svc](Context& ctx) {
         return http::render(
             svc->set_status(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"), "disabled"),
             ctx.req);
       }});
  router.add(
      {"POST",
       "/api/users/{id}/enable",
       tag,
       "启用用户",
       Access::kSignedIn,
       "system:user:disable",
       "user.enable",
       nullptr,
       {},
       [svc](Context& ctx) {
         return http::render(
             svc->set_status(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"), "active"),
             ctx.req);
       }});
  router.add({"POST",
              "/api/users/{id}/unlock",
              tag,
              "解锁用户",
              Access::kSignedIn,
              "system:user:disable",
              "user.unlock",
              nullptr,
              {},
              [svc](Context& ctx) {
                return http::render(
                    svc->unlock(ctx.caller(), http::parse_id(ctx.req.params["id"], "id")), ctx.req);
              }});
  router.add({"POST",
              "/api/users/{id}/reset-password",
              tag,
              "重置密码",
              Access::kSignedIn,
              "system:user:reset_password",
              "user.reset_password",
              nullptr,
              {},
              [svc](Context& ctx) {
                return http::render(
                    svc->reset_password(ctx.caller(), http::parse_id(ctx.req.params["id"], "id")),
                    ctx.req);
              }});
}

}  // namespace zhifa::modules
