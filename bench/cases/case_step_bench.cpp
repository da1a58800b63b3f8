// Speed of a case step (issue: penalty cases, "Case step throughput"): steps per second of
// CaseService::act — the state check, the legal rules (officers certified on the day, the body
// confirmed and holding the matter, the limitation period, the deadline on the official calendar),
// the case row update, the step row and its ledger event (SM3 leaf, Merkle frontier), committed one
// transaction per step — against a bare loop that commits the same three writes (the case update,
// the step row, a ledger row with precomputed hashes) one transaction each, through the same Db.
// Prints both rates and their ratio (target >= 0.3), and also the rate of the whole API use case
// (CaseService::act: the step, then the case read back for the answer). Each run files `cases`
// fresh leads of the city market team; the best of `runs` is kept for each side.
// Usage: zhifa_case_step_bench [cases=1000] [runs=3]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "app/env.hpp"
#include "modules/cases/cases.hpp"
#include "platform/secrets.hpp"

namespace fs = std::filesystem;
using namespace zhifa;

namespace {

constexpr const char* kOn = "2026-06-15";

domain::Scope admin_scope(app::Env& env) {
  domain::Scope s;
  s.user_id = 1;
  s.username = "admin";
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
  int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  secrets::init();
  fs::path dir = fs::temp_directory_path() / "zhifa-case-step-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  Config cfg;
  cfg.data_dir = dir.string();
  auto opened = app::open_env(cfg);
  if (!opened) return 1;
  auto env = std::move(*opened);
  if (!app::load_demo(*env, true, false)) return 1;
  auto scope = admin_scope(*env);
  modules::cases::CaseService svc(*env);

  // The city market team, one of its penalty matters and two officers certified on the day.
  std::int64_t org = 0, matter = 0;
  std::vector<std::int64_t> officers;
  {
    auto tx = env->db->read();
    org = tx->scalar_i64("SELECT id FROM orgs WHERE code = '140800-ZF-SCJG'");
    matter = tx->scalar_i64(
        "SELECT MIN(id) FROM matters WHERE org_id = ? AND matter_type = 'penalty'", {org});
    for (auto r : tx->query(
             "SELECT f.id FROM officers f WHERE f.org_id = ? AND f.legal_reviewer = 0 AND EXISTS "
             "(SELECT 1 FROM certificates c WHERE c.officer_id = f.id AND c.state = 'issued' AND "
             "c.valid_from <= ? AND c.valid_until >= ? AND (',' || c.fields || ',') LIKE "
             "'%,market,%') ORDER BY f.id LIMIT 2",
             {org, std::string(kOn), std::string(kOn)})) {
      officers.push_back(r.i64(0));
    }
  }
  if (officers.size() < 2) {
    std::fprintf(stderr, "no certified officers in the demo team\n");
    return 1;
  }
  auto leads = [&](int count) {
    std::vector<nlohmann::json> out;
    for (int i = 0; i < count; ++i) {
      modules::cases::LeadInput in;
      in.org_id = org;
      in.source = "inspection";
      in.summary = "基准测试线索";
      in.party_name = "基准测试商户" + std::to_string(i);
      in.party_type = "organisation";
      in.field = "market";
      in.matter_id = matter;
      in.act_date = "2026-05-20";
      in.discovered = "2026-06-01";
      in.officer_ids = officers;
      auto c = svc.create(scope, in);
      if (!c) {
        std::fprintf(stderr, "create: %s\n", c.error().message_en.c_str());
        std::exit(1);
      }
      out.push_back(*c);
    }
    return out;
  };

  double best_step = 0, best_bare = 0, best_act = 0;
  for (int run = 0; run < runs; ++run) {
    auto cases = leads(n);
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& c : cases) {
      modules::cases::ActionInput a;
      a.action = "file";
      a.version = c["version"].get<std::int64_t>();
      a.data = {{"on", kOn}};
      auto r = svc.step(scope, c["id"].get<std::int64_t>(), a);
      if (!r) {
        std::fprintf(stderr, "file: %s\n", r.error().message_en.c_str());
        return 1;
      }
    }
    best_step = std::max(best_step, n / seconds_since(t0));

    // The same step as the API takes it: then the case is read back for the response.
    auto answered = leads(n);
    auto ta = std::chrono::steady_clock::now();
    for (const auto& c : answered) {
      modules::cases::ActionInput a;
      a.action = "file";
      a.version = c["version"].get<std::int64_t>();
      a.data = {{"on", kOn}};
      if (!svc.act(scope, c["id"].get<std::int64_t>(), a)) return 1;
    }
    best_act = std::max(best_act, n / seconds_since(ta));

    // The same three writes, values prepared, nothing checked or hashed.
    auto bare = leads(n);
    std::int64_t seq = 0;
    {
      auto tx = env->db->read();
      seq = tx->scalar_i64("SELECT COALESCE(MAX(seq), 0) FROM ledger_events") + 1'000'000;
    }
    const std::string hash(64, 'a');
    auto t1 = std::chrono::steady_clock::now();
    for (const auto& c : bare) {
      std::int64_t id = c["id"].get<std::int64_t>();
      auto ok = db::with_write(*env->db, [&](db::Tx& tx) -> Status {
        tx.exec(
            "UPDATE cases SET state = 'investigating', version = version + 1, updated_at = ?, "
            "updated_by = ?, filed_on = ?, decision_due = ? WHERE id = ? AND version = ?",
            {std::int64_t{0}, scope.user_id, std::string(kOn), std::string("2026-09-14"), id,
             c["version"].get<std::int64_t>()});
        ++seq;
        tx.exec(
            "INSERT INTO ledger_events (seq, at, actor_id, actor_name, org_id, entity, "
            "entity_id, action, payload, payload_digest, leaf_hash, root) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?)",
            {seq, std::int64_t{0}, scope.user_id, std::string("admin"), org, std::string("case"),
             std::to_string(id), std::string("case.file"),
             std::string(R"({"from":"lead","to":"investigating","data":{"on":"2026-06-15"}})"),
             hash, hash, hash});
        tx.exec(
            "INSERT INTO case_steps (case_id, action, from_state, to_state, role, note, data, "
            "ledger_seq, at, by_user) VALUES (?, 'file', 'lead', 'investigating', 'leader', '', "
            "?, ?, ?, ?)",
            {id, std::string(R"({"on":"2026-06-15"})"), seq, std::int64_t{0}, scope.user_id});
        return Ok{};
      });
      if (!ok) return 1;
    }
    best_bare = std::max(best_bare, n / seconds_since(t1));
  }
  std::printf("case steps (file: rules + ledger, one transaction each): %.0f steps/s\n", best_step);
  std::printf("bare writes of the same rows (one transaction each):     %.0f /s\n", best_bare);
  std::printf("ratio step / bare: %.2f (target >= 0.3)\n", best_step / best_bare);
  std::printf("with the case read back for the API's answer: %.0f steps/s (ratio %.2f)\n", best_act,
              best_act / best_bare);
  env.reset();
  fs::remove_all(dir);
  return 0;
}
