// The official working-day calendar the product runs on: the copy of the shared calendar compiled
// into the binary (data/cn-workday-calendar.json), parsed once.
#pragma once

#include "domain/calendar.hpp"
#include "platform/embedded.hpp"

namespace zhifa::modules {

inline const domain::WorkdayCalendar& official_calendar() {
  static const domain::WorkdayCalendar cal = [] {
    auto text = embedded::file("data/cn-workday-calendar.json");
    auto parsed = domain::WorkdayCalendar::from_json(text ? *text : "");
    if (!parsed) throw std::runtime_error("the embedded working-day calendar does not parse");
    return std::move(parsed).value();
  }();
  return cal;
}

}  // namespace zhifa::modules
