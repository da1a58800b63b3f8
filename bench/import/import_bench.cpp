// Speed of the officer import (issue: people, "Importing a 10,000-row officer sheet"): rows per
// second of POST /api/officers/import's use case (read the XLSX, check every row, encrypt and index
// the ID numbers, insert, one ledger event) against a bare loop that inserts the same, already
// prepared rows through the same Db. Prints both rates and their ratio (target >= 0.5). Each run
// uses a fresh SQLite database with the demo's orgs; the best of `runs` is kept for each side.
// Usage: zhifa_import_bench [rows=10000] [runs=3]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "app/env.hpp"
#include "domain/codes.hpp"
#include "modules/people/people_repo.hpp"
#include "modules/people/people_service.hpp"
#include "platform/secrets.hpp"
#include "platform/xlsx.hpp"

namespace fs = std::filesystem;
using namespace zhifa;

namespace {

std::string id_number(int i) {
  // Synthetic: region 140881, birth dates walked from 1965, order code 97x.
  int day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 1965 + (i / 336) % 35;
  char first17[32];
  std::snprintf(first17, sizeof first17, "140881%04d%02d%02d97%d", year, month, day,
                (i / 11760) % 10);  // 336 * 35 dates, then the next order digit
  std::string s = first17;
  return s + domain::id_number_check_digit(s);
}

std::unique_ptr<app::Env> fresh_env(const fs::path& dir) {
  fs::create_directories(dir);
  Config cfg;
  cfg.data_dir = dir.string();
  auto env = app::open_env(cfg);
  if (!env) {
    std::fprintf(stderr, "open_env: %s\n", env.error().message_en.c_str());
    std::exit(1);
  }
  if (!app::load_demo(**env, false)) std::exit(1);
  return std::move(*env);
}

domain::Scope admin_scope(app::Env& env) {
  domain::Scope s;
  s.user_id = 1;
  s.all = true;
  s.permissions = {"*"};
  auto tx = env.db->read();
  s.org_id = tx->scalar_i64("SELECT id FROM orgs WHERE code = '140800'");
  return s;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 10000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  secrets::init();
  std::vector<std::vector<std::string>> sheet_rows;
  static const char* kNames[] = {"王晋", "李华", "张敏", "刘强", "陈静", "杨磊", "赵娜", "黄勇"};
  for (int i = 0; i < rows; ++i) {
    sheet_rows.push_back({std::string(kNames[i % 8]) + std::to_string(i % 97), id_number(i),
                          i % 2 ? "140881-ZF-SCJG" : "140881-ZF-CSGL", "执法队员",
                          i % 2 ? "市场监管" : "城市管理、应急管理", i % 10 ? "否" : "是"});
  }
  auto file = xlsx::write_sheet(
      "执法人员",
      {{"姓名"}, {"身份证号码"}, {"执法主体编码"}, {"职务"}, {"执法领域"}, {"法律职业资格"}},
      sheet_rows);
  if (!file) return 1;
  fs::path base =
      fs::temp_directory_path() / ("zhifa-import-bench-" + std::to_string(std::random_device()()));

  double best_import = 1e9, best_bare = 1e9;
  for (int run = 0; run < runs; ++run) {
    {  // the use case, end to end (minus HTTP)
      auto env = fresh_env(base / ("import" + std::to_string(run)));
      modules::people::PeopleService svc(*env);
      auto scope = admin_scope(*env);
      auto t = std::chrono::steady_clock::now();
      auto r = svc.import_officers(scope, *file);
      double s = seconds_since(t);
      if (!r) {
        std::fprintf(stderr, "import failed: %s\n", r.error().message_zh.c_str());
        return 1;
      }
      best_import = std::min(best_import, s);
    }
    {  // the bare loop: the same rows, prepared beforehand, inserted through the same Db
      auto env = fresh_env(base / ("bare" + std::to_string(run)));
      auto tx0 = env->db->read();
      std::int64_t scjg = tx0->scalar_i64("SELECT id FROM orgs WHERE code = '140881-ZF-SCJG'");
      std::int64_t csgl = tx0->scalar_i64("SELECT id FROM orgs WHERE code = '140881-ZF-CSGL'");
      tx0.reset();
      std::vector<std::pair<modules::people::OfficerRow, std::string>> prepared;
      for (int i = 0; i < rows; ++i) {
        modules::people::OfficerRow o;
        o.org_id = i % 2 ? scjg : csgl;
        o.name = sheet_rows[i][0];
        o.id_number_enc = env->cipher->encrypt(sheet_rows[i][1]);
        o.id_number_masked = domain::mask_id_number(sheet_rows[i][1]);
        o.gender = "male";
        o.post = "执法队员";
        o.fields = i % 2 ? "market" : "urban,emergency";
        o.legal_qualified = i % 10 == 0;
        prepared.emplace_back(o, env->cipher->blind_index(sheet_rows[i][1]));
      }
      auto t = std::chrono::steady_clock::now();
      db::with_write(*env->db, [&](db::Tx& tx) {
        for (const auto& [o, index] : prepared) {
          modules::people::insert_officer(tx, o, index, 0, 1);
        }
      });
      best_bare = std::min(best_bare, seconds_since(t));
    }
  }
  std::error_code ec;
  fs::remove_all(base, ec);
  double import_rate = rows / best_import, bare_rate = rows / best_bare;
  std::printf("officer import bench (%d rows, best of %d, SQLite)\n", rows, runs);
  std::printf("  import use case   %10.0f rows/s  (%.3f s)\n", import_rate, best_import);
  std::printf("  bare insert loop  %10.0f rows/s  (%.3f s)\n", bare_rate, best_bare);
  std::printf("  ratio             %10.2f         (target >= 0.50)\n", import_rate / bare_rate);
  return 0;
}
