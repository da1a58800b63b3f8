#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "modules/registry.hpp"

namespace zhifa::app {
namespace {

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

Error unauthenticated() {
  return {ErrorKind::kUnauthorized,
          "auth.required",
          "未登录或登录已超时,请重新登录",
          "not signed in or the session expired",
          {}};
}

}  // namespace

App::App(Env& env) : env_(env), static_files_(env.config.http.ui_dir), auth_(env) {
  modules::register_all(router_, env_, auth_);
}

http::Response App::handle(http::Request& req) {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const http::Route* route =
      router_.match(req.method == "HEAD" ? "GET" : req.method, req.path, params, path_known);
  if (route && !route->handler) {
    return http::problem(Error::invalid("http.stream_only", "此接口须以流式方式上传文件内容",
                                        "this route takes a streamed body"),
                         req.request_id);
  }
  if (route) {
    req.params = std::move(params);
    return handle_api(req, *route);
  }
  bool api =
      req.path.starts_with("/api/") || req.path == "/api" || req.path.starts_with("/public/api");
  if (path_known) {
    std::string allow;
    for (const char* m : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      std::map<std::string, std::string> ignored;
      bool known = false;
      if (router_.match(m, req.path, ignored, known))
        allow += (allow.empty() ? "" : ", ") + std::string(m);
    }
    auto r = http::problem({ErrorKind::kMethodNotAllowed,
                            "http.method_not_allowed",
                            "不支持的请求方法: " + req.method,
                            "method not allowed: " + req.method,
                            {}},
                           req.request_id);
    r.set_header("Allow", allow);
    return r;
  }
  if (!api && (req.method == "GET" || req.method == "HEAD")) {
    if (auto r = static_files_.serve(req)) return *r;
  }
  return http::problem(Error::not_found("接口", "route"), req.request_id);
}

http::Response App::handle_api(http::Request& req, const http::Route& route) {
  std::int64_t started = env_.now();
  http::Context ctx{req, nullptr, {}, started};
  std::optional<modules::auth::Caller> caller;
  // A signed-in GET reads the session, the grants and its data from one snapshot.
  std::optional<db::SharedRead> snapshot;
  if (route.access != http::Access::kPublic && (req.method == "GET" || req.method == "HEAD")) {
    snapshot.emplace(*env_.db);
  }
  try {
    if (auto denied = authorize(req, route, caller, started)) return *denied;
    if (caller) {
      ctx.scope = &caller->scope;
      ctx.session_id = caller->session_id;
    }
    http::Response r;
    try {
      r = route.handler(ctx);
    } catch (const ErrorException& e) {
      r = http::problem(e.error, req.request_id);
    } catch (const db::DbError& e) {
      if (e.kind() == db::DbError::Kind::kUnique) {
        r = http::problem(
            Error::conflict("db.duplicate", "记录已存在(编号或名称重复)", "duplicate record"),
            req.request_id);
      } else if (e.kind() == db::DbError::Kind::kBusy) {
        r = http::problem(
            {ErrorKind::kUnavailable, "db.busy", "系统繁忙,请稍后重试", "database busy", {}},
            req.request_id);
      } else {
        throw;
      }
    }
    if (caller && is_write(req.method)) log_operation(req, route, *caller, r.status, started);
    // Public reads are the same for everyone: browsers and proxies may keep them a minute.
    if (route.access == http::Access::kPublic && r.status == 200 && !caller &&
        req.path.starts_with("/public/api/") && !r.has_header("Cache-Control")) {
      r.set_header("Cache-Control", "public, max-age=60");
    }
    return r;
  } catch (const std::exception& e) {
    spdlog::error(
        "{{\"type\":\"error\",\"request_id\":\"{}\",\"path\":\"{}\",\"error\":{}}}", req.request_id,
        req.path,
        nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    auto r = http::problem(Error::internal("internal error"), req.request_id);
    if (caller && is_write(req.method)) log_operation(req, route, *caller, r.status, started);
    return r;
  }
}

std::optional<http::Response> App::authorize(http::Request& req, const http::Route& route,
                                             std::optional<modules::auth::Caller>& caller,
                                             std::int64_t started) {
  if (route.access != http::Access::kPublic) {
    std::string authz = req.header("authorization");
    if (authz.starts_with("Bearer ")) {
      caller = auth_.from_bearer(authz.substr(7));
    } else if (auto c = req.cookie("zhifa_session"); !c.empty()) {
      caller = auth_.from_session(c);
      if (caller && is_write(req.method) && !caller->csrf_token.empty()) {
        if (req.header("x-csrf-token") != caller->csrf_token) {
          return http::problem({ErrorKind::kForbidden,
                                "auth.csrf",
                                "页面已过期,请刷新后重试(CSRF 校验失败)",
                                "missing or wrong CSRF token",
                                {}},
                               req.request_id);
        }
      }
    }
    if (!caller) return http::problem(unauthenticated(), req.request_id);
    if (caller->must_change_password && route.access == http::Access::kSignedIn) {
      return http::problem({ErrorKind::kForbidden,
                            "auth.must_change_password",
                            "首次登录或密码已重置,请先修改密码",
                            "the password must be changed first",
                            {}},
                           req.request_id);
    }
    if (!route.permission.empty() && !caller->scope.has(route.permission)) {
      auto r = http::problem(Error::forbidden("auth.forbidden", "没有操作权限: " + route.summary,
                                              "permission denied: " + route.permission),
                             req.request_id);
      if (is_write(req.method)) log_operation(req, route, *caller, r.status, started);
      return r;
    }
  }
  return std::nullopt;
}

namespace {

// Logs a streamed write in the operation log once its answer is known.
class LoggedSink : public http::BodySink {
 public:
  LoggedSink(std::unique_ptr<http::BodySink> inner, std::function<void(int)> log)
      : inner_(std::move(inner)), log_(std::move(log)) {}
  Status write(std::string_view piece) override { return inner_->write(piece); }
  http::Response finish() override {
    auto r = inner_->finish();
    log_(r.status);
    return r;
  }
  void abort() override {
    inner_->abort();
    log_(499);
  }

 private:
  std::unique_ptr<http::BodySink> inner_;
  std::function<void(int)> log_;
};

}  // namespace

std::optional<http::StreamStart> App::open_stream(http::Request& req) {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const http::Route* route = router_.match(req.method, req.path, params, path_known);
  if (!route || !route->stream) return std::nullopt;
  req.params = std::move(params);
  std::int64_t started = env_.now();
  std::optional<modules::auth::Caller> caller;
  http::StreamStart out;
  try {
    if (auto denied = authorize(req, *route, caller, started)) {
      out.response = std::move(*denied);
      return out;
    }
    http::Context ctx{req, caller ? &caller->scope : nullptr,
                      caller ? caller->session_id : std::string(), started};
    auto sink = route->stream(ctx);
    if (!sink) {
      out.response = http::problem(sink.error(), req.request_id);
      if (caller) log_operation(req, *route, *caller, out.response.status, started);
      return out;
    }
    if (!caller) {
      out.sink = std::move(sink).value();
      return out;
    }
    http::Request logged = req;
    out.sink = std::make_unique<LoggedSink>(
        std::move(sink).value(), [this, logged, route, who = *caller, started](int status) {
          log_operation(logged, *route, who, status, started);
        });
    return out;
  } catch (const ErrorException& e) {
    out.response = http::problem(e.error, req.request_id);
  } catch (const std::exception& e) {
    spdlog::error(
        "{{\"type\":\"error\",\"request_id\":\"{}\",\"error\":{}}}", req.request_id,
        nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.response = http::problem(Error::internal("internal error"), req.request_id);
  }
  return out;
}

void App::log_operation(const http::Request& req, const http::Route& route,
                        const modules::auth::Caller& caller, int status, std::int64_t started_ms) {
  try {
    std::int64_t now = env_.now();
    db::with_write(*env_.db, [&](db::Tx& tx) {
      tx.exec(
          "INSERT INTO operation_logs (user_id, username, org_id, method, path, action, status, "
          "duration_ms, request_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {caller.scope.user_id, caller.scope.username, caller.scope.org_id, req.method,
           req.path.substr(0, 500), route.action.empty() ? route.summary : route.action, status,
           now - started_ms, req.request_id, now});
    });
  } catch (const std::exception& e) {
    spdlog::error("{{\"type\":\"error\",\"request_id\":\"{}\",\"error\":\"operation log failed\"}}",
                  req.request_id);
  }
}

}  // namespace zhifa::app
