// The publication (公示) of the demo's decisions: every decided case of the demo enters the queue
// on its decision day; most were published within their deadline (a few late, a few still
// overdue), the recent ones wait for the publisher, a few cases of minors are never published and
// a few publications were withdrawn after the decision was revoked on review. Each publication is
// masked and hashed as the service does it, indexed for search and in the ledger.
#pragma once

#include "app/env.hpp"
#include "platform/error.hpp"

namespace zhifa::app {

struct DemoPublications {
  int queued = 0, published = 0, exempt = 0, withdrawn = 0;
};

Result<DemoPublications> load_demo_publications(Env& env);

}  // namespace zhifa::app
