// What full-process records look like on the demo's cases (全过程记录): for a dozen cases of the
// city market team that were decided, an on-site inspection record with the officers present, a
// scene photo (a drawn placard standing in for a camera's picture) and the official documents made
// from the case (立案审批表, 现场检查笔录, 行政处罚决定书). Written through the same services as
// the console, so each is hashed, stored and in the ledger.
#pragma once

#include "app/env.hpp"
#include "platform/error.hpp"

namespace zhifa::app {

struct DemoRecords {
  int cases = 0, records = 0, evidence = 0, documents = 0;
};

Result<DemoRecords> load_demo_records(Env& env);

}  // namespace zhifa::app
