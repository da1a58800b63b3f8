#include "http/input.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;

std::string session_cookie(const std::string& value, int max_age_seconds, bool secure) {
  return "zhifa_session=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
}

json schema(std::initializer_list<std::pair<const char*, const char*>> props,
            std::vector<std::string> required) {
  json p = json::object();
  for (auto [k, t] : props) p[k] = {{"type", t}};
  return {{"type", "object"},
          {"properties", p},
          {"required", required},
          {"additionalProperties", false}};
}

}  // namespace

void register_auth_routes(http::Router& router, app::Env& env, auth::AuthService& auth) {
  const std::string tag = "认证 auth";
  router.add({"POST",
              "/api/auth/login",
              tag,
              "登录",
              Access::kPublic,
              "",
              "auth.login",
              schema({{"username", "string"}, {"password", "string"}}, {"username", "password"}),
              {},
              [&env, &auth](Context& ctx) {
                Input in(ctx.req.body, {"username", "password"});
                std::string username = in.required_string("username", "用户名", 64);
                auto password = in.optional_string("password", "密码", 128);
                if (!password || password->empty()) {
                  raise(Error::invalid("input.invalid", "密码不能为空", "password is required",
                                       "password"));
                }
                auto r = auth.login(username, *password, ctx.req.remote_ip,
                                    ctx.req.header("user-agent"));
                if (!r) return http::problem(r.error(), ctx.req.request_id);
                Response res = Response::json_body(auth.describe(r->user_id, r->csrf_token));
                int max_age = env.config.security.session_max_hours * 3600;
                res.set_header("Set-Cookie", session_cookie(r->cookie_value, max_age,
                                                            env.config.security.cookie_secure));
                res.set_header("Cache-Control", "no-store");
                return res;
              }});
  router.add({"POST",
              "/api/auth/logout",
              tag,
              "退出登录",
              Access::kPasswordChange,
              "",
              "auth.logout",
              nullptr,
              {},
              [&env, &auth](Context& ctx) {
                if (!ctx.session_id.empty()) auth.logout(ctx.session_id);
                Response res = Response::no_content();
                res.set_header("Set-Cookie",
                               session_cookie("", 0, env.config.security.cookie_secure));
                return res;
              }});
  router.add({"GET",
              "/api/auth/me",
              tag,
              "当前用户",
              Access::kPasswordChange,
              "",
              "",
              nullptr,
              {},
              [&auth](Context& ctx) {
                auto c = auth.from_session(ctx.req.cookie("zhifa_session"));
                Response res = Response::json_body(
                    auth.describe(ctx.caller().user_id, c ? c->csrf_token : ""));
                res.set_header("Cache-Control", "no-store");
                return res;
              }});
  router.add({"POST",
              "/api/auth/password",
              tag,
              "修改密码",
              Access::kPasswordChange,
              "",
              "auth.password",
              schema({{"old_password", "string"}, {"new_password", "string"}},
                     {"old_password", "new_password"}),
              {},
              [&auth](Context& ctx) {
                Input in(ctx.req.body, {"old_password", "new_password"});
                auto old_pw = in.optional_string("old_password", "原密码", 128).value_or("");
                auto new_pw = in.optional_string("new_password", "新密码", 128).value_or("");
                if (old_pw.empty())
                  raise(Error::invalid("input.invalid", "原密码不能为空",
                                       "old_password is required", "old_password"));
                auth::Caller caller{ctx.caller(), ctx.session_id, "", false};
                auto r = auth.change_password(caller, old_pw, new_pw);
                if (!r) return http::problem(r.error(), ctx.req.request_id);
                return Response::no_content();
              }});
  router.add(
      {"GET",
       "/api/tokens",
       tag,
       "我的 API 令牌",
       Access::kSignedIn,
       "",
       "",
       nullptr,
       {},
       [&auth](Context& ctx) {
         return Response::json_body(auth.list_tokens({ctx.caller(), ctx.session_id, "", false}));
       }});
  router.add({"POST",
              "/api/tokens",
              tag,
              "创建 API 令牌",
              Access::kSignedIn,
              "",
              "token.create",
              schema({{"name", "string"}, {"expires_days", "integer"}}, {"name"}),
              {},
              [&auth](Context& ctx) {
                Input in(ctx.req.body, {"name", "expires_days"});
                std::string name = in.required_string("name", "令牌名称", 50);
                int days = static_cast<int>(
                    in.optional_int("expires_days", "有效天数", 0, 3650).value_or(90));
                auto r = auth.create_token({ctx.caller(), ctx.session_id, "", false}, name, days);
                if (!r) return http::problem(r.error(), ctx.req.request_id);
                return Response::json_body(*r, 201);
              }});
  router.add({"DELETE",
              "/api/tokens/{id}",
              tag,
              "吊销 API 令牌",
              Access::kSignedIn,
              "",
              "token.revoke",
              nullptr,
              {},
              [&auth](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                auto r = auth.revoke_token({ctx.caller(), ctx.session_id, "", false}, id);
                if (!r) return http::problem(r.error(), ctx.req.request_id);
                return Response::no_content();
              }});
}

}  // namespace zhifa::modules
