// The request pipeline: route lookup, authentication (session cookie or bearer token), CSRF check,
// forced password change, permission check, the handler, error rendering and the operation log.
// Non-API paths go to the built UI.
#pragma once

#include <memory>
#include <optional>

#include "app/env.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "modules/auth/auth_service.hpp"

namespace zhifa::app {

class App {
 public:
  explicit App(Env& env);
  http::Response handle(http::Request& req);
  // A request whose route streams its body (evidence uploads): checked like any other request, then
  // the route's sink; nullopt when the route does not stream.
  std::optional<http::StreamStart> open_stream(http::Request& req);
  const http::Router& router() const { return router_; }
  Env& env() { return env_; }

 private:
  http::Response handle_api(http::Request& req, const http::Route& route);
  // Authentication, CSRF, forced password change and the permission: the refusal, or nullopt with
  // `caller` set for routes that are not public.
  std::optional<http::Response> authorize(http::Request& req, const http::Route& route,
                                          std::optional<modules::auth::Caller>& caller,
                                          std::int64_t started);
  void log_operation(const http::Request& req, const http::Route& route,
                     const modules::auth::Caller& caller, int status, std::int64_t started_ms);

  Env& env_;
  http::Router router_;
  http::StaticFiles static_files_;
  modules::auth::AuthService auth_;
};

}  // namespace zhifa::app
