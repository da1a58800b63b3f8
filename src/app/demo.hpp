// The Yuncheng demo data set (`zhifa demo`): the city, its 13 county-level divisions and 147
// townships from data/yuncheng-divisions.json; the justice bureaus; the 7 city enforcement teams
// and 6 per county except 盐湖区 (DOMAIN.md §1); a township enforcement office per township; the
// built-in roles; one demo account per role. Deterministic: the same command on an empty database
// gives the same rows. On a database that already has orgs it changes nothing.
#pragma once

#include <string>
#include <vector>

#include "app/env.hpp"

namespace zhifa::app {

struct DemoAccount {
  std::string username;
  std::string display_name;
  std::string role_name;
  std::string org_name;
};

struct DemoReport {
  int published = 0, publication_queue = 0;  // decisions published, waiting (公示)
  int record_cases = 0, documents = 0;       // cases with records, photo and documents
  bool loaded = false;                       // false: data was already there
  int counties = 0, townships = 0, bodies = 0;
  int officers = 0, certified = 0, staff_supervisors = 0, social_supervisors = 0;
  int matters = 0, benchmarks = 0, lenient = 0;
  int cases = 0, case_steps = 0;
  std::vector<DemoAccount> accounts;
  std::string password;
};

// The password every demo account gets (it satisfies the complexity rules).
inline constexpr const char* kDemoPassword = "Zhifa@2026!";

// with_people: also the people data set (app/demo_people.hpp); tests that count their own
// officers load the orgs and accounts only. with_cases (with people only): also the year of
// penalty cases (app/demo_cases.hpp); tests of the other parts leave them out to run faster.
Result<DemoReport> load_demo(Env& env, bool with_people = true, bool with_cases = true);

// Built-in roles; also created by `zhifa user create-admin` on an empty database.
Status ensure_builtin_roles(db::Tx& tx, std::int64_t now);

}  // namespace zhifa::app
