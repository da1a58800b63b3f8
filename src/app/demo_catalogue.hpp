// The demo catalogue (data/catalogue/*.json, compiled in): the 7 city teams' matters (and the same
// matters for each county team of that field), every county's township lists (20 statutory town
// items, 7 street items, 55 delegated items) adopted by county decision except the last county's
// delegated list (left pending, to show adoption), the discretion benchmarks and the lenient
// lists. Every citation is resolved against the legal basis library; data that cites an article
// not in the library, or that breaks a benchmark rule, fails to load.
#pragma once

#include "app/demo.hpp"
#include "db/db.hpp"

namespace zhifa::app {

struct CatalogueReport {
  int matters = 0, township_matters = 0, adoptions = 0, benchmarks = 0, lenient = 0;
};

Result<CatalogueReport> load_demo_catalogue(db::Tx& tx, std::int64_t now);

}  // namespace zhifa::app
