#include "app/demo_publications.hpp"

#include "domain/dates.hpp"
#include "domain/publication.hpp"
#include "ledger/ledger.hpp"
#include "modules/common/calendar.hpp"
#include "modules/publication/annual.hpp"
#include "modules/publication/publication.hpp"
#include "platform/sm.hpp"

namespace zhifa::app {

using nlohmann::json;

Result<DemoPublications> load_demo_publications(Env& env) {
  DemoPublications report;
  std::int64_t now = env.now();
  std::string today = domain::shanghai_date(now);
  auto r = db::with_write(*env.db, [&](db::Tx& tx) -> Status {
    auto cal = modules::working_calendar(tx);
    domain::PublicationSettings settings;
    auto day_after = [&](const std::string& d, int n) {
      auto v = cal->add_working_days(d, n);
      return v ? *v : domain::add_days(d, n);
    };
    std::vector<std::pair<std::int64_t, json>> sources;
    for (auto row : tx.query("SELECT id FROM cases WHERE decided_on IS NOT NULL ORDER BY "
                             "decided_on, id")) {
      sources.emplace_back(row.i64(0), modules::publication::case_source(tx, env, row.i64(0)));
    }
    ledger::Batch batch(tx);
    auto event = [&](std::int64_t org, std::int64_t id, const char* action, json payload) {
      ledger::Event e;
      e.at_ms = now;
      e.actor_name = "系统";
      e.org_id = org;
      e.entity = "publication";
      e.entity_id = std::to_string(id);
      e.action = action;
      e.payload = std::move(payload);
      return batch.append(e);
    };
    for (auto& [case_id, source] : sources) {
      std::string decided = source["decided_on"];
      std::string due = day_after(decided, settings.penalty_days);
      std::int64_t org = source["org_id"];
      bool person = source["party_type"] == "person";
      // A few cases of minors (never published).
      bool minor = person && case_id % 89 == 0;
      std::string state = minor ? "exempt" : "queued";
      std::int64_t id = tx.insert(
          "INSERT INTO publications (case_id, org_id, kind, state, decision_no, decided_on, "
          "due_on, party_type, field, source, exempt_reason, exempt_note, created_at, "
          "updated_at, desk_text) VALUES (?, ?, 'penalty', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {case_id, org, state, source["decision_no"].get<std::string>(), decided, due,
           source["party_type"].get<std::string>(), source["field"].get<std::string>(),
           source.dump(), minor ? db::Param("minor") : db::Param(nullptr),
           minor ? db::Param("当事人系未成年人") : db::Param(nullptr), now, now,
           modules::publication::desk_text(source)});
      event(org, id, "publication.queue",
            {{"case_id", case_id}, {"decision_no", source["decision_no"]}, {"due_on", due}});
      if (minor) {
        tx.exec("UPDATE cases SET disclosure_exempt = 'minor', disclosure_note = ? WHERE id = ?",
                {"当事人系未成年人", case_id});
        ++report.exempt;
        continue;
      }
      // Recent decisions wait for the publisher; one in 250 older ones was forgotten (overdue).
      bool waiting = due >= today && case_id % 3 != 0;
      if (waiting || case_id % 250 == 7) {
        ++report.queued;
        continue;
      }
      int after = case_id % 13 == 0 ? settings.penalty_days + 1 + static_cast<int>(case_id % 3)
                                    : 1 + static_cast<int>(case_id % settings.penalty_days);
      std::string on = day_after(decided, after);
      if (on > today) on = today;
      auto pub = modules::publication::make_public(source, on);
      bool on_time = on <= due;
      std::string expires = domain::retention_end(settings, on, person);
      std::int64_t seq = event(org, id, "publication.publish",
                               {{"case_id", case_id},
                                {"decision_no", source["decision_no"]},
                                {"kind", "penalty"},
                                {"published_on", on},
                                {"due_on", due},
                                {"on_time", on_time},
                                {"automatic", false},
                                {"text_sm3", pub.sm3}});
      tx.exec(
          "UPDATE publications SET state = 'published', title = ?, public_text = ?, "
          "public_sm3 = ?, search_terms = ?, search_plain = ?, list_item = ?, published_on = ?, "
          "published_at = ?, on_time = ?, expires_on = ?, publish_seq = ?, version = 2 "
          "WHERE id = ?",
          {pub.title, pub.text, pub.sm3, pub.terms, pub.plain, pub.list_item, on, now, on_time,
           expires, seq, id});
      // One in 150 was revoked on administrative review: withdrawn, the notice stays.
      if (case_id % 150 == 11) {
        std::string changed = day_after(on, 5);
        if (changed > today) changed = today;
        std::string wdue = day_after(changed, settings.withdraw_days);
        std::string withdrawn = day_after(changed, 1);
        if (withdrawn > today) withdrawn = today;
        std::string reason = "经行政复议,复议机关以认定事实不清为由撤销该行政处罚决定";
        std::int64_t wseq = event(org, id, "publication.withdraw",
                                  {{"kind", "revoked"},
                                   {"reason", reason},
                                   {"changed_on", changed},
                                   {"due_on", wdue},
                                   {"withdrawn_on", withdrawn},
                                   {"was", "published"}});
        tx.exec(
            "UPDATE publications SET state = 'withdrawn', withdraw_kind = 'revoked', "
            "withdraw_reason = ?, changed_on = ?, withdraw_due = ?, withdrawn_on = ?, "
            "withdraw_seq = ?, version = 3 WHERE id = ?",
            {reason, changed, wdue, withdrawn, wseq, id});
        ++report.withdrawn;
        continue;
      }
      modules::publication::index_published(tx, id, pub.terms);
      ++report.published;
    }
    // Licences of the approval bureaus (行政审批服务管理局) and levies of the civil air defence
    // offices (易地建设费), entered by hand: most published, the last weeks' still queued.
    std::uint64_t seed = 20261128;
    auto next = [&](std::uint64_t bound) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      return (seed >> 33) % bound;
    };
    static const char* kApplicants[] = {"盐湖区康源食品店",       "运城市晋南餐饮有限公司",
                                        "临猗县果香农产品合作社", "永济市蒲州药房",
                                        "河津市龙门建材有限公司", "稷山县板枣加工厂"};
    static const char* kLicences[] = {"食品经营许可", "药品零售企业许可", "公共场所卫生许可",
                                      "建筑工程施工许可", "道路货物运输经营许可"};
    auto hand = [&](std::int64_t org, const std::string& org_name, const std::string& kind,
                    const std::string& category, int n, const std::string& prefix) {
      for (int i = 1; i <= n; ++i) {
        std::string decided = domain::add_days(today, -static_cast<int>(1 + next(360)));
        bool person = next(4) == 0;
        std::string party = person ? std::string("王秋") + (next(2) ? "菊" : "梅")
                                   : kApplicants[next(std::size(kApplicants))];
        std::string what =
            kind == "licence" ? kLicences[next(std::size(kLicences))] : "防空地下室易地建设费征收";
        json source = {
            {"kind", kind},
            {"org_id", org},
            {"body", org_name},
            {"decision_no", prefix + "〔" + decided.substr(0, 4) + "〕" + std::to_string(i) + "号"},
            {"decided_on", decided},
            {"party", party},
            {"party_type", person ? "person" : "organisation"},
            {"field", "other"},
            {"matter", what},
            {"facts", kind == "licence"
                          ? "申请人" + party + "申请" + what +
                                ",经审查,申请材料齐全、符合法定形式,准予许可。"
                          : "建设单位" + party +
                                "新建项目应建防空地下室而未建,依法征收防空地下室易地建设费。"},
            {"basis", kind == "licence" ? "《中华人民共和国行政许可法》第三十八条"
                                        : "《中华人民共和国人民防空法》第二十二条"},
            {"result", kind == "licence" ? "准予行政许可" : "征收防空地下室易地建设费"},
            {"names", person ? json::array({party}) : json::array()}};
        if (!category.empty()) source["category"] = category;
        std::string due =
            day_after(decided, kind == "licence" ? settings.licence_days : settings.other_days);
        std::int64_t id = tx.insert(
            "INSERT INTO publications (org_id, kind, state, decision_no, decided_on, due_on, "
            "party_type, field, source, created_at, updated_at, desk_text) VALUES (?, ?, "
            "'queued', ?, ?, ?, ?, 'other', ?, ?, ?, ?) RETURNING id",
            {org, kind, source["decision_no"].get<std::string>(), decided, due,
             source["party_type"].get<std::string>(), source.dump(), now, now,
             modules::publication::desk_text(source)});
        event(org, id, "publication.queue",
              {{"kind", kind}, {"decision_no", source["decision_no"]}, {"due_on", due}});
        if (due >= today) {
          ++report.queued;
          continue;
        }
        std::string on = day_after(decided, 1 + static_cast<int>(next(5)));
        auto pub = modules::publication::make_public(source, on);
        std::int64_t seq = event(org, id, "publication.publish",
                                 {{"kind", kind},
                                  {"decision_no", source["decision_no"]},
                                  {"published_on", on},
                                  {"due_on", due},
                                  {"on_time", on <= due},
                                  {"automatic", false},
                                  {"text_sm3", pub.sm3}});
        tx.exec(
            "UPDATE publications SET state = 'published', title = ?, public_text = ?, "
            "public_sm3 = ?, search_terms = ?, search_plain = ?, list_item = ?, published_on = "
            "?, published_at = ?, on_time = ?, expires_on = ?, publish_seq = ?, version = 2 "
            "WHERE id = ?",
            {pub.title, pub.text, pub.sm3, pub.terms, pub.plain, pub.list_item, on, now, on <= due,
             domain::retention_end(settings, on, person), seq, id});
        modules::publication::index_published(tx, id, pub.terms);
        ++report.published;
      }
    };
    for (auto r : tx.query("SELECT id, name FROM orgs WHERE kind = 'body' AND (name LIKE "
                           "'%行政审批服务管理局' OR name LIKE '%人民防空办公室') ORDER BY id")) {
      bool licences = r.str(1).find("行政审批") != std::string::npos;
      hand(r.i64(0), r.str(1), licences ? "licence" : "other", licences ? "" : "levy",
           licences ? 24 : 6, licences ? "审批许" : "人防征");
    }

    // Last year's annual enforcement data, published in January as required.
    int last = domain::year_of(today) - 1;
    std::string published_on = std::to_string(last + 1) + "-01-20";
    if (published_on <= today) {
      json data = modules::publication::AnnualService::compute(tx, last);
      std::string text = data.dump();
      std::string sm3 = sm::to_hex(sm::sm3(text));
      ledger::Event e;
      e.at_ms = now;
      e.actor_name = "系统";
      e.entity = "annual_report";
      e.entity_id = std::to_string(last);
      e.action = "annual.publish";
      e.payload = {{"year", last},
                   {"data_sm3", sm3},
                   {"published_on", published_on},
                   {"due_on", std::to_string(last + 1) + "-01-31"}};
      std::int64_t seq = batch.append(e);
      // Generated on 15 January, reviewed on the 19th, published on the 20th (Beijing time).
      auto at = [](const std::string& date) {
        return (domain::days_between("1970-01-01", date) * 86'400LL + 2 * 3600LL) * 1000LL;
      };
      std::string jan = std::to_string(last + 1) + "-01-";
      tx.exec(
          "INSERT INTO annual_reports (year, state, data, data_sm3, generated_at, reviewed_at, "
          "published_on, published_at, publish_seq) VALUES (?, 'published', ?, ?, ?, ?, ?, ?, "
          "?)",
          {last, text, sm3, at(jan + "15"), at(jan + "19"), published_on, at(published_on), seq});
    }
    batch.finish();
    return Ok{};
  });
  if (!r) return r.error();
  return report;
}

}  // namespace zhifa::app
