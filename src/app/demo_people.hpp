// The people part of the Yuncheng demo (DOMAIN.md §2): 8,854 officers spread over the 558 bodies
// with certificates in realistic states (mostly valid; some applied, failed, suspended, revoked,
// expired or expiring within 30 days), legal-review staff (a few bodies below the 5% minimum),
// past exam sessions with their candidates, training classes and attendance for last year and
// this year, 304 staff supervisors and 30 social supervisors, and the yearly confirmation of the
// bodies. Synthetic people only: ID numbers carry the order code 98x/99x and a birth date spread
// that no register issued, yet pass the GB 11643 check digit. Deterministic for a given date.
#pragma once

#include <string>
#include <vector>

#include "app/demo.hpp"
#include "app/env.hpp"

namespace zhifa::app {

struct DemoBody {
  std::int64_t id = 0;
  std::string code, name, kind, field, basis;
  int county = -1;  // index of the county in the divisions file; -1 for city-level bodies
};

inline constexpr int kDemoOfficers = 8854;
inline constexpr int kDemoStaffSupervisors = 304;
inline constexpr int kDemoSocialSupervisors = 30;

Status load_demo_people(Env& env, db::Tx& tx, const std::vector<DemoBody>& bodies, std::int64_t now,
                        DemoReport& report);

}  // namespace zhifa::app
