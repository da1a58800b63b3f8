// What every service of a running Zhifa needs: configuration, the database, the clock and the
// ledger's signing key. Built once at start by app::open_env().
#pragma once

#include <memory>
#include <optional>

#include "db/db.hpp"
#include "db/migrate.hpp"
#include "ledger/ledger.hpp"
#include "platform/clock.hpp"
#include "platform/config.hpp"
#include "platform/field_crypto.hpp"
#include "platform/file_store.hpp"

namespace zhifa::app {

struct Env {
  Config config;
  std::unique_ptr<db::Db> db;
  std::shared_ptr<Clock> clock;
  std::optional<ledger::Signer> signer;
  std::optional<FieldCipher> cipher;        // personal fields at rest
  std::shared_ptr<files::FileStore> files;  // evidence and documents, by content hash

  std::int64_t now() const { return clock->now_ms(); }
};

// Opens the database (creating the data directory for SQLite), applies migrations and loads or
// creates the ledger signing key and the field encryption keys.
Result<std::unique_ptr<Env>> open_env(const Config& config);

// The migrations' steps written in code (db::migrate runs each after its version's SQL).
db::CodeSteps code_migrations();

}  // namespace zhifa::app
