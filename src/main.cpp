// zhifa: the command-line entry point. Subcommands: serve, migrate, demo, verify, user.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "db/migrate.hpp"
#include "http/server.hpp"
#include "ledger/ledger.hpp"
#include "modules/auth/auth_repo.hpp"
#include "modules/documents/documents.hpp"
#include "modules/publication/publication.hpp"
#include "platform/secrets.hpp"

namespace {

using namespace zhifa;

struct Common {
  std::string config_path;
  std::string data_dir;
  std::string database_url;
};

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("-c,--config", c.config_path, "TOML configuration file");
  cmd->add_option("--data-dir", c.data_dir,
                  "data directory (SQLite database, evidence, ledger key)");
  cmd->add_option(
      "--database-url", c.database_url,
      "sqlite:PATH or postgresql://user@host/db (default: sqlite in the data directory)");
}

Config load(const Common& c) {
  auto cfg = load_config(c.config_path);
  if (!cfg) {
    std::cerr << cfg.error().message_zh << " / " << cfg.error().message_en << "\n";
    std::exit(2);
  }
  if (!c.data_dir.empty()) cfg->data_dir = c.data_dir;
  if (!c.database_url.empty()) cfg->database_url = c.database_url;
  return *cfg;
}

std::unique_ptr<app::Env> open(const Config& cfg) {
  auto env = app::open_env(cfg);
  if (!env) {
    std::cerr << env.error().message_zh << " / " << env.error().message_en << "\n";
    std::exit(2);
  }
  return std::move(env).value();
}

void print_demo(const app::DemoReport& r) {
  if (!r.loaded) {
    std::cout << "演示数据已存在,未做改动 / demo data already present, nothing changed\n";
    return;
  }
  std::cout << "已载入运城市演示数据 / Yuncheng demo data loaded: " << r.counties
            << " 个县级行政区, " << r.townships << " 个乡镇(街道), " << r.bodies << " 个执法主体\n";
  if (r.officers > 0) {
    std::cout << "  执法人员 officers " << r.officers << "(持有效执法证 certified " << r.certified
              << "),行政执法监督人员 " << r.staff_supervisors << ",社会监督员 "
              << r.social_supervisors << "\n";
  }
  std::cout << "  执法事项 matters " << r.matters << ",裁量基准 benchmarks " << r.benchmarks
            << ",包容审慎清单 lenient entries " << r.lenient << "\n";
  if (r.cases > 0) {
    std::cout << "  行政处罚案件 penalty cases " << r.cases << "(办案步骤 steps " << r.case_steps
              << ",各记入可信账本)\n";
  }
  if (r.record_cases > 0) {
    std::cout << "  全过程记录 " << r.record_cases << " 件案件附现场检查笔录、现场照片和执法文书 "
              << r.documents << " 份 / cases with records, a photo and documents\n";
  }
  if (r.published > 0) {
    std::cout << "  行政执法决定公示 published decisions " << r.published << ",待公示 queued "
              << r.publication_queue << "\n";
  }
  std::cout << "演示账号 / demo accounts (密码 password: " << r.password << "):\n";
  for (const auto& a : r.accounts) {
    std::cout << "  " << a.username << "\t" << a.role_name << "\t" << a.org_name << "\n";
  }
}

int serve(const Config& cfg, bool with_demo) {
  auto env = open(cfg);
  if (with_demo) {
    auto r = app::load_demo(*env);
    if (!r) {
      std::cerr << r.error().message_zh << "\n";
      return 2;
    }
    print_demo(*r);
  }
  app::App application(*env);
  http::ServerOptions o;
  o.host = cfg.http.host;
  o.port = cfg.http.port;
  o.threads = cfg.http.threads;
  o.max_header_bytes = cfg.http.max_header_bytes;
  o.max_body_bytes = cfg.http.max_body_bytes;
  o.idle_seconds = cfg.http.idle_seconds;
  o.read_timeout_seconds = cfg.http.read_timeout_seconds;
  o.shutdown_grace_seconds = cfg.http.shutdown_grace_seconds;
  http::Server server(
      o, [&application](http::Request& req) { return application.handle(req); },
      [&application](http::Request& req) { return application.open_stream(req); });
  // Background jobs: publications past their online period are taken down (公示, DOMAIN §5.1).
  std::jthread jobs([&env, interval = cfg.portal.job_interval_seconds](std::stop_token stop) {
    modules::publication::PublicationService publications(*env);
    std::mutex mu;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      try {
        if (int n = publications.take_down_expired(); n > 0) {
          spdlog::info("{{\"type\":\"job\",\"job\":\"publication.take_down\",\"count\":{}}}", n);
        }
      } catch (const std::exception& e) {
        spdlog::error("{{\"type\":\"job_error\",\"job\":\"publication.take_down\",\"error\":{}}}",
                      nlohmann::json(e.what()).dump());
      }
      std::unique_lock lock(mu);
      wake.wait_for(lock, stop, std::chrono::seconds(std::max(interval, 1)), [] { return false; });
    }
  });
  server.run([&](int port) {
    nlohmann::json j = {{"type", "ready"},
                        {"url", "http://" + o.host + ":" + std::to_string(port)},
                        {"port", port},
                        {"database", env->db->describe()}};
    spdlog::info(j.dump());
  });
  spdlog::info("{{\"type\":\"stopped\"}}");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_pattern("%v");
  CLI::App cli{"Zhifa 行政执法综合管理监督平台"};
  cli.require_subcommand(1);
  Common common;

  auto* serve_cmd = cli.add_subcommand("serve", "启动 HTTP 服务 / run the server");
  add_common(serve_cmd, common);
  int port = -1;
  std::string host, ui_dir;
  bool with_demo = false;
  serve_cmd->add_option("--port", port, "port (0: any free port)");
  serve_cmd->add_option("--host", host, "address to listen on");
  serve_cmd->add_option("--ui-dir", ui_dir, "built web UI directory");
  serve_cmd->add_flag("--demo", with_demo, "load the demo data first when the database is empty");

  auto* migrate_cmd = cli.add_subcommand("migrate", "执行数据库迁移 / apply schema migrations");
  add_common(migrate_cmd, common);
  bool dry_run = false;
  migrate_cmd->add_flag("--dry-run", dry_run, "only print what would be applied");

  auto* demo_cmd = cli.add_subcommand("demo", "载入运城市演示数据 / load the Yuncheng demo data");
  add_common(demo_cmd, common);
  bool without_people = false;
  demo_cmd->add_flag("--without-people", without_people,
                     "orgs, bodies and accounts only (no officers, exams, training, supervisors)");

  auto* verify_cmd =
      cli.add_subcommand("verify", "校验可信账本 / replay the ledger and check every hash");
  add_common(verify_cmd, common);
  std::string package_path, package_key;
  verify_cmd->add_option(
      "--package", package_path,
      "校验导出的卷宗 ZIP(离线,不需数据库) / check an exported case file offline");
  verify_cmd->add_option(
      "--key", package_key,
      "卷宗应由此公钥(PEM 文件)签名 / the public key the package must be signed with");

  auto* user_cmd = cli.add_subcommand("user", "账号维护 / account maintenance");
  add_common(user_cmd, common);
  std::string username;
  auto* reset_cmd =
      user_cmd->add_subcommand("reset-password", "重置密码并解锁 / reset a password and unlock");
  reset_cmd->add_option("username", username)->required();
  user_cmd->require_subcommand(1);

  CLI11_PARSE(cli, argc, argv);
  Config cfg = load(common);

  if (serve_cmd->parsed()) {
    if (port >= 0) cfg.http.port = port;
    if (!host.empty()) cfg.http.host = host;
    if (!ui_dir.empty()) cfg.http.ui_dir = ui_dir;
    return serve(cfg, with_demo);
  }
  if (migrate_cmd->parsed()) {
    secrets::init();
    std::unique_ptr<db::Db> db;
    try {
      if (!cfg.effective_database_url().starts_with("postgres"))
        std::filesystem::create_directories(cfg.data_dir);
      db = db::open(cfg.effective_database_url());
      auto report = db::migrate(*db, dry_run, app::code_migrations());
      std::cout << (dry_run ? "计划 / plan" : "已执行 / applied") << ": 当前版本 current version "
                << report.from_version << ", " << report.pending.size()
                << " 个待执行迁移 pending\n";
      for (const auto& m : report.pending) std::cout << "  " << m.version << " " << m.name << "\n";
    } catch (const std::exception& e) {
      std::cerr << "迁移失败 / migration failed: " << e.what() << "\n";
      return 2;
    }
    return 0;
  }
  if (demo_cmd->parsed()) {
    auto env = open(cfg);
    auto r = app::load_demo(*env, !without_people);
    if (!r) {
      std::cerr << r.error().message_zh << " / " << r.error().message_en << "\n";
      return 2;
    }
    print_demo(*r);
    return 0;
  }
  if (verify_cmd->parsed() && !package_path.empty()) {
    std::string pinned;
    if (!package_key.empty()) {
      std::ifstream in(package_key);
      pinned.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string report;
    bool ok = modules::documents::verify_package(package_path, pinned, report);
    std::cout << report;
    return ok ? 0 : 1;
  }
  if (verify_cmd->parsed()) {
    auto env = open(cfg);
    auto tx = env->db->read();
    auto report = ledger::verify(*tx, env->signer->public_key_pem());
    if (report.ok) {
      std::cout << "账本校验通过 / ledger verified: " << report.events_checked << " events, "
                << report.checkpoints_checked << " checkpoints\n";
      return 0;
    }
    std::cout << "账本校验失败 / ledger verification FAILED\n";
    if (report.seq > 0) std::cout << "首个问题事件 / first bad entry: seq " << report.seq << "\n";
    std::cout << report.problem_zh << "\n" << report.problem_en << "\n";
    return 1;
  }
  if (user_cmd->parsed()) {
    auto env = open(cfg);
    auto cred = [&] {
      auto tx = env->db->read();
      return modules::auth::find_credentials(*tx, username);
    }();
    if (!cred) {
      std::cerr << "用户不存在 / no such user: " << username << "\n";
      return 2;
    }
    std::string password = secrets::initial_password();
    std::string hash = secrets::hash_password(password);
    db::with_write(*env->db, [&](db::Tx& tx) {
      modules::auth::set_password(tx, cred->id, hash, true, env->now(), 0);
      ledger::Event e{env->now(),
                      std::nullopt,
                      "cli",
                      cred->org_id,
                      "user",
                      std::to_string(cred->id),
                      "user.password_reset",
                      {{"username", username}, {"via", "cli"}}};
      ledger::append(tx, e);
    });
    std::cout << "新的初始密码 / new initial password: " << password
              << "(首次登录须修改 / must be changed at sign-in)\n";
    return 0;
  }
  return 0;
}
