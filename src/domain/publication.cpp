#include "domain/publication.hpp"

#include <map>

#include "domain/dates.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

const std::map<std::string, std::string, std::less<>>& kinds() {
  static const std::map<std::string, std::string, std::less<>> k = {
      {"penalty", "行政处罚"}, {"licence", "行政许可"}, {"other", "其他行政执法决定"}};
  return k;
}
const std::map<std::string, std::string, std::less<>>& exempt() {
  static const std::map<std::string, std::string, std::less<>> k = {
      {"minor", "涉及未成年人"}, {"secret", "涉及国家秘密"}, {"privacy", "涉及个人隐私"}};
  return k;
}
const std::map<std::string, std::string, std::less<>>& withdraw() {
  static const std::map<std::string, std::string, std::less<>> k = {
      {"changed", "决定已变更"}, {"revoked", "决定已撤销"}, {"void", "决定被确认无效"}};
  return k;
}

std::string label(const std::map<std::string, std::string, std::less<>>& m, std::string_view k) {
  auto it = m.find(k);
  return it == m.end() ? std::string(k) : it->second;
}

Status read_int(const json& j, const char* key, int lo, int hi, const char* zh, int& out) {
  if (!j.contains(key)) return Ok{};
  const auto& v = j[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi) {
    return Error::invalid("publication.settings",
                          std::string(zh) + "应为 " + std::to_string(lo) + " 至 " +
                              std::to_string(hi) + " 之间的整数",
                          std::string(key) + " out of range", key);
  }
  out = v.get<int>();
  return Ok{};
}

}  // namespace

bool is_publication_kind(std::string_view kind) { return kinds().contains(kind); }
std::string publication_kind_label(std::string_view kind) { return label(kinds(), kind); }
bool is_exempt_reason(std::string_view r) { return exempt().contains(r); }
std::string exempt_reason_label(std::string_view r) { return label(exempt(), r); }
bool is_withdraw_kind(std::string_view k) { return withdraw().contains(k); }
std::string withdraw_kind_label(std::string_view k) { return label(withdraw(), k); }

Result<PublicationSettings> parse_publication_settings(const json& j) {
  PublicationSettings s;
  if (!j.is_object()) {
    return Error::invalid("publication.settings", "公示设置应为对象", "settings must be an object");
  }
  for (auto [key, lo, hi, zh, out] :
       std::initializer_list<std::tuple<const char*, int, int, const char*, int*>>{
           {"penalty_days", 1, 60, "行政处罚决定公示期限(工作日)", &s.penalty_days},
           {"licence_days", 1, 60, "行政许可决定公示期限(工作日)", &s.licence_days},
           {"other_days", 1, 60, "其他决定公示期限(工作日)", &s.other_days},
           {"withdraw_days", 1, 60, "撤回公示期限(工作日)", &s.withdraw_days},
           {"retention_years", 1, 30, "网上公示期限(年)", &s.retention_years},
           {"retention_years_person", 1, 30, "自然人的网上公示期限(年)", &s.retention_years_person},
           {"remind_days", 0, 10, "到期前提醒(工作日)", &s.remind_days}}) {
    if (auto r = read_int(j, key, lo, hi, zh, *out); !r) return r.error();
  }
  if (s.retention_years_person > s.retention_years) {
    return Error::invalid("publication.settings", "自然人的网上公示期限不能长于一般期限",
                          "the natural persons' retention exceeds the general one",
                          "retention_years_person");
  }
  if (j.contains("auto_publish")) {
    const auto& a = j["auto_publish"];
    if (!a.is_array()) {
      return Error::invalid("publication.settings", "自动发布的执法主体应为列表",
                            "auto_publish must be a list of body ids", "auto_publish");
    }
    for (const auto& id : a) {
      if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
        return Error::invalid("publication.settings", "自动发布的执法主体编号无效",
                              "auto_publish holds a bad id", "auto_publish");
      }
      s.auto_publish.insert(id.get<std::int64_t>());
    }
  }
  return s;
}

json to_json(const PublicationSettings& s) {
  return {
      {"penalty_days", s.penalty_days},       {"licence_days", s.licence_days},
      {"other_days", s.other_days},           {"withdraw_days", s.withdraw_days},
      {"retention_years", s.retention_years}, {"retention_years_person", s.retention_years_person},
      {"remind_days", s.remind_days},         {"auto_publish", json(s.auto_publish)}};
}

Result<std::string> publication_due(const WorkdayCalendar& cal, const PublicationSettings& s,
                                    std::string_view kind, std::string_view decided_on) {
  int days = kind == "penalty" ? s.penalty_days : kind == "licence" ? s.licence_days : s.other_days;
  return cal.add_working_days(decided_on, days);
}

Result<std::string> withdrawal_due(const WorkdayCalendar& cal, const PublicationSettings& s,
                                   std::string_view changed_on) {
  return cal.add_working_days(changed_on, s.withdraw_days);
}

std::string retention_end(const PublicationSettings& s, std::string_view published_on,
                          bool person_party) {
  return add_years(published_on, person_party ? s.retention_years_person : s.retention_years);
}

RuleCheck check_publishable(std::string_view exempt_reason) {
  if (exempt_reason.empty()) return {};
  return {false, "publication.exempt",
          "该案件" + exempt_reason_label(exempt_reason) + ",依法不予公开",
          "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
          "指导意见》(国办发〔2018〕118号)"};
}

}  // namespace zhifa::domain
