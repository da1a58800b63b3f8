// Routes and their metadata. The same table drives dispatch, the permission check and the OpenAPI
// document at /api/openapi.json, so a route cannot exist without being described.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/types.hpp"

namespace zhifa::http {

enum class Access {
  kPublic,          // anyone
  kSignedIn,        // a session or token; blocked while the password must be changed
  kPasswordChange,  // a session even while the password must be changed (me, logout, password)
};

using Handler = std::function<Response(Context&)>;
// A route whose body is streamed (see BodySink): checked like any route, then handed the body as it
// arrives.
using StreamHandler = std::function<Result<std::unique_ptr<BodySink>>(Context&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/users/{id}"
  std::string tag;      // OpenAPI tag, e.g. "用户 users"
  std::string summary;  // one line, Chinese
  Access access = Access::kSignedIn;
  std::string permission;                 // required permission key; empty: any signed-in caller
  std::string action;                     // operation-log action for writes, e.g. "user.create"
  json request_schema;                    // OpenAPI schema of the JSON body (null: none)
  std::vector<std::string> query_params;  // documented query parameters
  Handler handler;
  StreamHandler stream = {};  // set instead of handler for streamed bodies
};

class Router {
 public:
  void add(Route route);
  // Finds the route for method+path, filling params. `path_known` tells 405 from 404.
  const Route* match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool& path_known) const;
  const std::vector<Route>& routes() const { return routes_; }
  json openapi(const std::string& version) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace zhifa::http
