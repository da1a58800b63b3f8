#include "support/test_env.hpp"

#include <cstdlib>
#include <random>

#include "db/migrate.hpp"
#include "platform/secrets.hpp"

namespace zhifa::testing {
namespace fs = std::filesystem;

namespace {
std::string random_suffix() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(rd() % 100000);
}
}  // namespace

TestDatabase::TestDatabase(const std::string& backend) {
  secrets::init();
  if (backend == "postgres") {
    const char* url = std::getenv("ZHIFA_TEST_PG_URL");
    if (url == nullptr || *url == '\0') {
      skipped_ = true;
      return;
    }
    admin_url_ = url;
    schema_ = "t_" + random_suffix();
    auto admin = db::open(admin_url_, {1, 10000});
    db::with_write(*admin, [&](db::Tx& tx) { tx.exec_script("CREATE SCHEMA " + schema_); });
    std::string sep = admin_url_.find('?') == std::string::npos ? "?" : "&";
    url_ = admin_url_ + sep + "options=-csearch_path%3D" + schema_;
  } else {
    dir_ = fs::temp_directory_path() / ("zhifa-test-" + random_suffix());
    fs::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "zhifa.db").string();
  }
  db_ = db::open(url_, {4, 10000});
  db::migrate(*db_, false);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
  if (!schema_.empty()) {
    auto admin = db::open(admin_url_, {1, 10000});
    db::with_write(*admin,
                   [&](db::Tx& tx) { tx.exec_script("DROP SCHEMA " + schema_ + " CASCADE"); });
  }
}

TestEnv::TestEnv(const std::string& backend) : database(backend) {
  if (database.skipped()) return;
  dir = fs::temp_directory_path() / ("zhifa-env-" + random_suffix());
  fs::create_directories(dir);
  env = std::make_unique<app::Env>();
  env->config.data_dir = dir.string();
  env->db = database.release();
  manual_clock = std::make_shared<ManualClock>(kTestNow);
  env->clock = manual_clock;
  auto signer = ledger::Signer::open(dir / "ledger.pem");
  env->signer.emplace(std::move(signer).value());
  env->cipher.emplace(std::move(FieldCipher::open(dir / "field-keys.hex")).value());
  env->files = std::make_shared<files::FileStore>(dir / "files");
}

TestEnv::~TestEnv() {
  if (env) env->db.reset();
  std::error_code ignored;
  if (!dir.empty()) fs::remove_all(dir, ignored);
}

}  // namespace zhifa::testing
