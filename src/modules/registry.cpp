#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Access;
using http::Context;
using http::Response;

void register_all(http::Router& router, app::Env& env, auth::AuthService& auth) {
  register_system_routes(router, env);
  register_auth_routes(router, env, auth);
  register_org_routes(router, env);
  register_user_routes(router, env);
  register_role_routes(router, env);
  register_log_routes(router, env);
  register_ledger_routes(router, env);
  register_people_routes(router, env);
  register_body_routes(router, env);
  register_exam_routes(router, env);
  register_more_people_routes(router, env);
  register_law_routes(router, env);
  register_catalogue_routes(router, env);
  register_case_routes(router, env);
  register_calendar_routes(router, env);
  register_evidence_routes(router, env);
  register_document_routes(router, env);
  register_publication_routes(router, env);
  router.add({"GET",
              "/api/openapi.json",
              "系统 system",
              "接口文档 (OpenAPI 3)",
              Access::kPublic,
              "",
              "",
              nullptr,
              {},
              [&router](Context&) { return Response::json_body(router.openapi(ZHIFA_VERSION)); }});
}

}  // namespace zhifa::modules
