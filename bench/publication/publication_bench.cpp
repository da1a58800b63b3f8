// Speed of publication (issue: public disclosure, "Publication of 10,000 queued decisions"):
// decisions published per second through PublicationService::publish — the version and state
// check, the never-publish flag, the masking rules, the personal-data check, the SM3 of the public
// copy, the search terms and index, the row update and its ledger event, committed one
// transaction per decision, then the publication read back for the answer — against bare inserts
// of the same published rows (text prepared, nothing masked, hashed or indexed), one transaction
// each, through the same Db. Prints both rates and their ratio.
// Usage: zhifa_publication_bench [decisions=10000] [runs=2]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "app/env.hpp"
#include "domain/dates.hpp"
#include "modules/publication/publication.hpp"
#include "platform/secrets.hpp"

namespace fs = std::filesystem;
using namespace zhifa;
using nlohmann::json;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 2;
  secrets::init();
  fs::path dir = fs::temp_directory_path() / "zhifa-publication-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  Config cfg;
  cfg.data_dir = dir.string();
  auto opened = app::open_env(cfg);
  if (!opened) return 1;
  auto env = std::move(*opened);
  if (!app::load_demo(*env, true, false)) return 1;
  domain::Scope scope;
  scope.user_id = 1;
  scope.username = "admin";
  scope.all = true;
  scope.permissions = {"*"};
  modules::publication::PublicationService svc(*env);
  std::int64_t org = 0;
  {
    auto tx = env->db->read();
    org = tx->scalar_i64("SELECT id FROM orgs WHERE code = '140800-ZF-SCJG'");
    scope.org_id = tx->scalar_i64("SELECT id FROM orgs WHERE code = '140800'");
  }
  std::string today = domain::shanghai_date(env->now());
  int serial = 0;
  // `count` licence decisions of a natural person with personal data in the text, queued.
  auto queue = [&](int count) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // id, version
    for (int i = 0; i < count; ++i) {
      ++serial;
      json body = {{"kind", "licence"},
                   {"org_id", org},
                   {"decision_no", "运市监许〔2026〕" + std::to_string(serial) + "号"},
                   {"decided_on", today},
                   {"party", "王秋菊"},
                   {"party_type", "person"},
                   {"field", "market"},
                   {"matter", "食品经营许可"},
                   {"content",
                    "申请人王秋菊(身份证号140802199001011234,联系电话13912345678)申请在盐湖区解放路"
                    "12号从事食品销售,经审查符合法定条件,准予许可。许可证编号JY1140802" +
                        std::to_string(100000 + serial)},
                   {"basis", "《中华人民共和国食品安全法》第三十五条"},
                   {"result", "准予行政许可"}};
      auto r = svc.create(scope, body);
      if (!r) {
        std::fprintf(stderr, "queue: %s\n", r.error().message_en.c_str());
        std::exit(1);
      }
      out.emplace_back((*r)["id"].get<std::int64_t>(), (*r)["version"].get<std::int64_t>());
    }
    return out;
  };

  double best_publish = 0, best_bare = 0;
  for (int run = 0; run < runs; ++run) {
    auto queued = queue(n);
    auto t0 = std::chrono::steady_clock::now();
    for (auto [id, version] : queued) {
      auto r = svc.publish(scope, id, version);
      if (!r) {
        std::fprintf(stderr, "publish: %s\n", r.error().message_en.c_str());
        return 1;
      }
    }
    best_publish = std::max(best_publish, n / seconds_since(t0));

    // Bare inserts of the same published rows: the text prepared once, nothing checked.
    json source;
    std::string text;
    {
      auto tx = env->db->read();
      auto row = tx->query("SELECT source, public_text FROM publications WHERE id = ?",
                           {queued.front().first});
      source = json::parse(row[0].str(0));
      text = row[0].str(1);
    }
    const std::string hash(64, 'a');
    auto t1 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
      auto ok = db::with_write(*env->db, [&](db::Tx& tx) -> Status {
        tx.exec(
            "INSERT INTO publications (org_id, kind, state, decision_no, decided_on, due_on, "
            "party_type, field, source, title, public_text, public_sm3, published_on, "
            "created_at, updated_at) VALUES (?, 'licence', 'published', ?, ?, ?, 'person', "
            "'market', ?, ?, ?, ?, ?, 0, 0)",
            {org, "bare-" + std::to_string(run) + "-" + std::to_string(i), today, today,
             source.dump(), std::string("行政许可决定书"), text, hash, today});
        return Ok{};
      });
      if (!ok) return 1;
    }
    best_bare = std::max(best_bare, n / seconds_since(t1));
  }
  std::printf("publication (mask, SM3, index, ledger, one transaction each, read back): %.0f /s\n",
              best_publish);
  std::printf("bare inserts of the same rows (one transaction each):                   %.0f /s\n",
              best_bare);
  std::printf("ratio publication / bare: %.2f\n", best_publish / best_bare);
  env.reset();
  fs::remove_all(dir);
  return 0;
}
