#include "modules/common/calendar.hpp"

#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "platform/embedded.hpp"

namespace zhifa::modules {

const domain::WorkdayCalendar& official_calendar() {
  static const domain::WorkdayCalendar cal = [] {
    auto text = embedded::file("data/cn-workday-calendar.json");
    auto parsed = domain::WorkdayCalendar::from_json(text ? *text : "");
    if (!parsed) throw std::runtime_error("the embedded working-day calendar does not parse");
    return std::move(parsed).value();
  }();
  return cal;
}

std::shared_ptr<const domain::WorkdayCalendar> working_calendar(db::Tx& tx) {
  // A few short rows: their whole text identifies the set (two databases in one process included).
  auto rows = tx.query("SELECT year, off_days, work_days FROM calendar_years ORDER BY year", {});
  std::string signature;
  for (const auto& r : rows) {
    signature += std::to_string(r.i64(0)) + r.str(1) + r.str(2) + ";";
  }
  static std::mutex mutex;
  static std::string cached_signature;
  static std::shared_ptr<const domain::WorkdayCalendar> cached;
  std::lock_guard lock(mutex);
  if (cached && signature == cached_signature) return cached;
  auto cal = std::make_shared<domain::WorkdayCalendar>(official_calendar());
  for (const auto& r : rows) {
    domain::WorkdayCalendar::Year y;
    y.year = static_cast<int>(r.i64(0));
    for (const auto& d : nlohmann::json::parse(r.str(1))) y.off.insert(d.get<std::string>());
    for (const auto& d : nlohmann::json::parse(r.str(2))) y.work.insert(d.get<std::string>());
    // A year a newer binary now carries itself stays as compiled.
    if (!cal->years().count(y.year)) (void)cal->add_year(y);
  }
  cached = std::move(cal);
  cached_signature = signature;
  return cached;
}

}  // namespace zhifa::modules
