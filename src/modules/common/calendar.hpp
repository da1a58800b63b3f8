// The working-day calendar the product runs on: the official copy compiled into the binary
// (data/cn-workday-calendar.json) plus the years staff added from later notices (calendar_years,
// modules/calendar). Every deadline is counted on `working_calendar(tx)`, read in the step's own
// transaction, so a year added a moment ago already counts and a missing one is refused.
#pragma once

#include <memory>

#include "db/db.hpp"
#include "domain/calendar.hpp"

namespace zhifa::modules {

// The compiled official copy alone.
const domain::WorkdayCalendar& official_calendar();

// The compiled copy plus the added years, rebuilt only when those change.
std::shared_ptr<const domain::WorkdayCalendar> working_calendar(db::Tx& tx);

}  // namespace zhifa::modules
