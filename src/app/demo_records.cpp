#include "app/demo_records.hpp"

#include <cstdio>

#include "modules/documents/documents.hpp"
#include "modules/evidence/evidence.hpp"
#include "platform/pdf.hpp"

namespace zhifa::app {
namespace {

constexpr int kCases = 12;

// Epoch ms of `date` at hh:mm in Asia/Shanghai.
std::int64_t at(const std::string& date, int hh, int mm) {
  int y = 0, m = 0, d = 0;
  std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d);
  using namespace std::chrono;
  const sys_days midnight{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                          std::chrono::day{static_cast<unsigned>(d)}};
  auto local = duration_cast<milliseconds>(midnight.time_since_epoch()).count();
  return local + (std::int64_t{hh} * 60 + mm - 8 * 60) * 60'000;
}

}  // namespace

Result<DemoRecords> load_demo_records(Env& env) {
  DemoRecords out;
  domain::Scope admin;
  struct Case {
    std::int64_t id;
    std::string filed_on, party, summary;
    bool decided;
    std::vector<std::int64_t> officers;
  };
  std::vector<Case> cases;
  {
    auto tx = env.db->read();
    auto user = tx->query("SELECT id, org_id FROM users WHERE username = 'admin'");
    if (user.empty()) return out;
    admin.user_id = user[0].i64(0);
    admin.org_id = user[0].i64(1);
    admin.username = "admin";
    admin.all = true;
    admin.permissions = {"*"};
    for (auto r : tx->query(
             "SELECT c.id, c.filed_on, c.party_name, c.summary, c.decision_no IS NOT NULL FROM "
             "cases c JOIN orgs o ON o.id = c.org_id WHERE o.code = '140800-ZF-SCJG' AND c.state "
             "IN ('decided', 'served', 'executed', 'closed') AND c.filed_on IS NOT NULL ORDER BY "
             "c.id LIMIT ?",
             {kCases})) {
      Case c{r.i64(0), r.str(1), r.str(2), r.str(3), r.boolean(4), {}};
      for (auto o :
           tx->query("SELECT officer_id FROM case_officers WHERE case_id = ? ORDER BY officer_id",
                     {c.id})) {
        c.officers.push_back(o.i64(0));
      }
      if (c.officers.size() >= 2) cases.push_back(std::move(c));
    }
  }
  modules::evidence::EvidenceService evidence(env);
  modules::documents::DocumentService documents(env);
  for (const auto& c : cases) {
    domain::RecordInput rec;
    rec.kind = "inspection";
    rec.title = "现场检查笔录";
    rec.place = c.party + "经营场所";
    rec.started_at = at(c.filed_on, 9, 30);
    rec.ended_at = at(c.filed_on, 10, 15);
    rec.officer_ids = c.officers;
    rec.content = {{"findings", "执法人员出示执法证件,表明身份后进行检查。检查发现:" + c.summary +
                                    "。已对现场情况拍照取证,当事人对检查情况无异议。"},
                   {"present", c.party + "现场负责人"}};
    auto made = evidence.add_record(admin, c.id, rec, std::nullopt);
    if (!made) return made.error();
    ++out.records;
    std::int64_t record_id = (*made)["id"];
    auto png = pdf::render_png({"现场照片(演示)", c.party, c.filed_on + " 09:40"}, 960, 640);
    if (!png) return png.error();
    modules::evidence::UploadInput up;
    up.file_name = "现场照片-" + std::to_string(c.id) + ".png";
    up.record_id = record_id;
    up.meta.title = "现场检查照片";
    up.meta.captured_at = c.filed_on + "T09:40";
    up.meta.place = rec.place;
    up.meta.device = "执法记录仪 DSJ-SCJG-0" + std::to_string(10 + c.id % 40);
    auto stored = evidence.add_bytes(admin, c.id, up, *png);
    if (!stored) return stored.error();
    ++out.evidence;
    std::vector<modules::documents::GenerateInput> docs{{"filing_approval", std::nullopt, {}},
                                                        {"inspection", record_id, {}}};
    if (c.decided) docs.push_back({"decision", std::nullopt, {}});
    for (const auto& d : docs) {
      auto doc = documents.generate(admin, c.id, d);
      if (!doc) return doc.error();
      ++out.documents;
    }
    ++out.cases;
  }
  return out;
}

}  // namespace zhifa::app
