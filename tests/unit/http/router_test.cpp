#include "http/router.hpp"

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "modules/registry.hpp"
#include "support/test_env.hpp"

namespace zhifa::http {
namespace {

Route route(std::string method, std::string pattern) {
  return {std::move(method),
          std::move(pattern),
          "t",
          "s",
          Access::kPublic,
          "",
          "",
          nullptr,
          {},
          [](Context&) { return Response::no_content(); }};
}

TEST(Router, MatchesParametersAndPrefersLiteralSegments) {
  Router r;
  r.add(route("GET", "/api/users/{id}"));
  r.add(route("GET", "/api/users/stats"));
  std::map<std::string, std::string> params;
  bool known = false;
  const Route* m = r.match("GET", "/api/users/42", params, known);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(params["id"], "42");
  m = r.match("GET", "/api/users/stats", params, known);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->pattern, "/api/users/stats");
}

TEST(Router, TellsWrongMethodFromUnknownPath) {
  Router r;
  r.add(route("GET", "/api/x"));
  std::map<std::string, std::string> params;
  bool known = false;
  EXPECT_EQ(r.match("POST", "/api/x", params, known), nullptr);
  EXPECT_TRUE(known);
  EXPECT_EQ(r.match("GET", "/api/y", params, known), nullptr);
  EXPECT_FALSE(known);
}

TEST(Router, RouteWithoutSummaryIsRefused) {
  Router r;
  Route bad = route("GET", "/api/x");
  bad.summary.clear();
  EXPECT_THROW(r.add(bad), std::logic_error);
}

TEST(OpenApi, DocumentsEveryApiRouteOfTheApplication) {
  testing::TestEnv t("sqlite");
  app::App application(*t.env);
  json doc = application.router().openapi("test");
  EXPECT_EQ(doc["openapi"], "3.0.3");
  int api_routes = 0;
  for (const auto& r : application.router().routes()) {
    if (!r.pattern.starts_with("/api")) continue;
    ++api_routes;
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    ASSERT_TRUE(doc["paths"][r.pattern].contains(m)) << r.method << " " << r.pattern;
    EXPECT_FALSE(doc["paths"][r.pattern][m]["summary"].get<std::string>().empty());
    if (!r.request_schema.is_null()) {
      EXPECT_TRUE(doc["paths"][r.pattern][m].contains("requestBody"));
    }
  }
  EXPECT_GE(api_routes, 25);
}

}  // namespace
}  // namespace zhifa::http
