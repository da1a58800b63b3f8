#include "app/env.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "db/migrate.hpp"
#include "modules/publication/publication.hpp"
#include "platform/secrets.hpp"

namespace zhifa::app {

Result<std::unique_ptr<Env>> open_env(const Config& config) {
  secrets::init();
  auto env = std::make_unique<Env>();
  env->config = config;
  std::string url = config.effective_database_url();
  if (!url.starts_with("postgres")) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
      return Error::invalid("config.data_dir", "无法创建数据目录: " + config.data_dir,
                            "cannot create data directory " + config.data_dir + ": " + ec.message(),
                            "data_dir");
    }
  }
  db::Options options;
  // A signed-in GET holds a read connection for the whole request and may take a write connection
  // for its session (PostgreSQL draws both from one pool): two per worker thread, plus one, can
  // never run out while every thread waits.
  options.pool_size = std::max(config.db_pool_size, 2 * config.http.threads + 1);
  try {
    env->db = db::open(url, options);
    db::migrate(*env->db, false, code_migrations());
  } catch (const db::DbError& e) {
    return Error{ErrorKind::kUnavailable, "db.open", "无法打开数据库", e.what(), "database_url"};
  }
  // ZHIFA_FAKE_NOW_MS pins the clock (tests of lockout and idle time move it through the API).
  if (const char* fake = std::getenv("ZHIFA_FAKE_NOW_MS"); fake && *fake) {
    env->clock = std::make_shared<ManualClock>(std::strtoll(fake, nullptr, 10));
  } else {
    env->clock = std::make_shared<SystemClock>();
  }
  auto signer = ledger::Signer::open(config.effective_ledger_key_path());
  if (!signer) return signer.error();
  env->signer.emplace(std::move(signer).value());
  auto cipher = FieldCipher::open(config.effective_field_key_path());
  if (!cipher) return cipher.error();
  env->cipher.emplace(std::move(cipher).value());
  env->files = std::make_shared<files::FileStore>(config.effective_files_dir());
  return env;
}

db::CodeSteps code_migrations() {
  return {{16, [](db::Tx& tx) { modules::publication::reindex_published(tx); }}};
}

}  // namespace zhifa::app
