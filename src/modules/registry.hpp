// Each capability module exposes one function that adds its routes; the heavy includes stay in the
// module's .cpp files.
#pragma once

#include "app/env.hpp"
#include "http/router.hpp"
#include "modules/auth/auth_service.hpp"

namespace zhifa::modules {

void register_system_routes(http::Router& router, app::Env& env);
void register_auth_routes(http::Router& router, app::Env& env, auth::AuthService& auth);
void register_org_routes(http::Router& router, app::Env& env);
void register_user_routes(http::Router& router, app::Env& env);
void register_role_routes(http::Router& router, app::Env& env);
void register_log_routes(http::Router& router, app::Env& env);
void register_ledger_routes(http::Router& router, app::Env& env);
void register_people_routes(http::Router& router, app::Env& env);
void register_body_routes(http::Router& router, app::Env& env);
void register_exam_routes(http::Router& router, app::Env& env);
void register_more_people_routes(http::Router& router, app::Env& env);
void register_law_routes(http::Router& router, app::Env& env);
void register_catalogue_routes(http::Router& router, app::Env& env);
void register_case_routes(http::Router& router, app::Env& env);
void register_calendar_routes(http::Router& router, app::Env& env);
void register_evidence_routes(http::Router& router, app::Env& env);
void register_document_routes(http::Router& router, app::Env& env);
void register_publication_routes(http::Router& router, app::Env& env);

// The router with every module's routes (the OpenAPI test builds it without a server).
void register_all(http::Router& router, app::Env& env, auth::AuthService& auth);

}  // namespace zhifa::modules
