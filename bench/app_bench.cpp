// In-process cost of the request pipeline, without sockets: the same two requests bench/run.sh
// sends over HTTP (A: /healthz, B: the county administrator's scoped user list), handled by
// app::App directly on a demo database. Prints the per-request time of each; B/A shows what the
// application adds on top of routing. Run: build/zhifa_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/users/users_service.hpp"

namespace {

using namespace zhifa;

struct Fixture {
  std::unique_ptr<app::Env> env;
  std::unique_ptr<app::App> app;
  std::string cookie;
  std::filesystem::path dir;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / "zhifa-app-bench";
    std::filesystem::remove_all(dir);
    Config c;
    c.data_dir = dir.string();
    env = std::move(app::open_env(c)).value();
    (void)app::load_demo(*env);
    app = std::make_unique<app::App>(*env);
    http::Request login = make("POST", "/api/auth/login");
    login.body = R"({"username":"yanhu_admin","password":"Zhifa@2026!"})";
    auto r = app->handle(login);
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
    }
  }
  ~Fixture() {
    app.reset();
    env.reset();
    std::filesystem::remove_all(dir);
  }
  static http::Request make(std::string method, std::string path) {
    http::Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.target = req.path;
    req.remote_ip = "127.0.0.1";
    req.request_id = "bench";
    return req;
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Healthz(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto req = Fixture::make("GET", "/healthz");
    benchmark::DoNotOptimize(f.app->handle(req));
  }
}
BENCHMARK(BM_Healthz);

void BM_ScopedUserList(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto req = Fixture::make("GET", "/api/users");
    req.query = {{"page_size", "20"}};
    req.headers = {{"cookie", f.cookie}};
    auto r = f.app->handle(req);
    if (r.status != 200) state.SkipWithError("users list did not answer 200");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ScopedUserList);

// The parts of B, to see where its time goes.
void BM_SessionLookup(benchmark::State& state) {
  auto& f = fixture();
  modules::auth::AuthService auth(*f.env);
  std::string value = f.cookie.substr(f.cookie.find('=') + 1);
  for (auto _ : state) benchmark::DoNotOptimize(auth.from_session(value));
}
BENCHMARK(BM_SessionLookup);

void BM_EmptyReadTransaction(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto tx = f.env->db->read();
    tx->commit();
  }
}
BENCHMARK(BM_EmptyReadTransaction);

void BM_OneRowQuery(benchmark::State& state) {
  auto& f = fixture();
  auto tx = f.env->db->read();
  for (auto _ : state)
    benchmark::DoNotOptimize(tx->query("SELECT id, name FROM orgs WHERE id = ?", {5}));
}
BENCHMARK(BM_OneRowQuery);

void BM_UserListService(benchmark::State& state) {
  auto& f = fixture();
  modules::auth::AuthService auth(*f.env);
  auto caller = auth.from_session(f.cookie.substr(f.cookie.find('=') + 1));
  modules::users::UsersService svc(*f.env);
  for (auto _ : state) benchmark::DoNotOptimize(svc.list(caller->scope, std::nullopt, {}, 1, 20));
}
BENCHMARK(BM_UserListService);

void BM_UserListQuery(benchmark::State& state) {
  auto& f = fixture();
  modules::auth::AuthService auth(*f.env);
  auto caller = auth.from_session(f.cookie.substr(f.cookie.find('=') + 1));
  auto tx = f.env->db->read();
  for (auto _ : state) {
    std::int64_t total = 0;
    benchmark::DoNotOptimize(modules::users::list(*tx, caller->scope, {}, 20, 0, total));
  }
}
BENCHMARK(BM_UserListQuery);

}  // namespace

BENCHMARK_MAIN();
