// The penalty cases of the Yuncheng demo (DOMAIN.md §4): a year of cases up to yesterday across
// the city and county enforcement teams and the township offices, in every state of the procedure.
// Each case is planned step by step with the same rules the service applies (domain/case_rules):
// two officers certified for the field all year, a body confirmed for the year holding the matter,
// the act within the limitation period, simplified fines within the limits, the hearing right and
// the legal review as the penalty requires, a decision within 90 days of filing (suspension not
// counted), service within 7 working days, payment within 15 days and the late fee after it.
// A step that would fall today or later, or that the rules would refuse (a deadline the official
// calendar does not cover yet, a decision past its deadline), is not taken: the case waits there,
// and the deadline board shows it. Every step is a case_steps row with its ledger event; decision
// numbers run per body and year in the order of the decisions. Deterministic for a given date.
#pragma once

#include <string>

#include "db/db.hpp"
#include "platform/error.hpp"

namespace zhifa::app {

inline constexpr int kDemoCases = 21000;

struct CaseDemoReport {
  int cases = 0, steps = 0;
};

Result<CaseDemoReport> load_demo_cases(db::Tx& tx, std::int64_t now, const std::string& today);

}  // namespace zhifa::app
