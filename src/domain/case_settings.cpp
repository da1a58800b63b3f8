#include "domain/case_settings.hpp"

#include "domain/dates.hpp"
#include "domain/fields.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

const std::string kApl = "《中华人民共和国行政处罚法》";
const std::string kTransferRule = "《行政执法机关移送涉嫌犯罪案件的规定》第六条";

Error bad(const std::string& field, const std::string& zh, const std::string& en) {
  return Error::invalid("case_settings.invalid", zh, en, field);
}

Result<std::int64_t> amount(const json& j, const std::string& key, std::int64_t fallback,
                            const std::string& path, bool positive) {
  if (!j.contains(key)) return fallback;
  const auto& v = j[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < (positive ? 1 : 0)) {
    return bad(path + "." + key, "金额应为" + std::string(positive ? "正" : "非负") + "整数(分)",
               "an amount in fen, " + std::string(positive ? "positive" : "not negative"));
  }
  return v.get<std::int64_t>();
}

}  // namespace

Result<CaseSettings> parse_case_settings(const json& j) {
  CaseSettings s;
  if (!j.is_object()) return bad("", "办案规则设置应为对象", "settings must be an object");
  for (const auto& [key, _] : j.items()) {
    if (key != "hearing" && key != "review" && key != "extensions") {
      return bad(key, "未知的设置项: " + key, "unknown setting " + key);
    }
  }
  if (j.contains("hearing")) {
    const auto& h = j["hearing"];
    if (!h.is_object()) return bad("hearing", "听证标准应为对象", "hearing must be an object");
    auto& t = s.hearing;
    for (auto [key, target] :
         {std::pair<const char*, std::int64_t*>{"person_fine_fen", &t.person_fine_fen},
          {"organisation_fine_fen", &t.organisation_fine_fen},
          {"person_confiscation_fen", &t.person_confiscation_fen},
          {"organisation_confiscation_fen", &t.organisation_confiscation_fen}}) {
      auto v = amount(h, key, *target, "hearing", true);
      if (!v) return v.error();
      *target = *v;
    }
  }
  if (j.contains("review")) {
    const auto& r = j["review"];
    if (!r.is_object()) return bad("review", "法制审核范围应为对象", "review must be an object");
    auto fine = amount(r, "fine_fen", s.review.fine_fen, "review", false);
    if (!fine) return fine.error();
    s.review.fine_fen = *fine;
    if (r.contains("kinds")) {
      if (!r["kinds"].is_array()) {
        return bad("review.kinds", "处罚种类应为列表", "kinds must be a list");
      }
      s.review.kinds.clear();
      for (const auto& k : r["kinds"]) {
        auto kind = k.is_string() ? parse_penalty_kind(k.get<std::string>()) : std::nullopt;
        if (!kind) return bad("review.kinds", "未知的处罚种类", "unknown penalty kind");
        s.review.kinds.insert(*kind);
      }
    }
  }
  if (j.contains("extensions")) {
    const auto& e = j["extensions"];
    if (!e.is_object()) {
      return bad("extensions", "延长期限规则应为对象(领域 → 规则)",
                 "extensions must map fields to rules");
    }
    for (const auto& [field, rule] : e.items()) {
      const std::string path = "extensions." + field;
      if (!is_known_field(field)) return bad(path, "执法领域不存在: " + field, "unknown field");
      if (!rule.is_object() || !rule.contains("days") || !rule["days"].is_number_integer() ||
          rule["days"].get<int>() < 1 || rule["days"].get<int>() > 365) {
        return bad(path + ".days", "可延长天数应为 1 至 365", "days must be 1..365");
      }
      std::string basis = rule.value("basis", "");
      if (basis.empty()) {
        return bad(path + ".basis", "请写明允许延长的规章依据", "name the rule that allows it");
      }
      s.extensions[field] = {rule["days"].get<int>(), basis};
    }
  }
  return s;
}

json to_json(const CaseSettings& s) {
  json kinds = json::array();
  for (auto k : s.review.kinds) kinds.push_back(std::string(to_string(k)));
  json ext = json::object();
  for (const auto& [field, r] : s.extensions) {
    ext[field] = {{"days", r.days}, {"basis", r.basis}};
  }
  return {{"hearing",
           {{"person_fine_fen", s.hearing.person_fine_fen},
            {"organisation_fine_fen", s.hearing.organisation_fine_fen},
            {"person_confiscation_fen", s.hearing.person_confiscation_fen},
            {"organisation_confiscation_fen", s.hearing.organisation_confiscation_fen}}},
          {"review", {{"fine_fen", s.review.fine_fen}, {"kinds", kinds}}},
          {"extensions", ext}};
}

RuleCheck check_extension(const CaseSettings& s, std::string_view field, int requested,
                          int already) {
  const std::string article = kApl + "第六十条";
  auto it = s.extensions.find(std::string(field));
  if (it == s.extensions.end()) {
    return {false, "case.extension_not_allowed",
            "本领域(" + std::string(field_label(field)) +
                ")未设置可延长办案期限的规定,应当自立案之日起九十日内作出决定",
            article};
  }
  if (requested < 1) {
    return {false, "case.extension_days", "请填写申请延长的天数", article};
  }
  if (already + requested > it->second.days) {
    return {false, "case.extension_too_long",
            "依" + it->second.basis + ",最多可延长 " + std::to_string(it->second.days) +
                " 日(已延长 " + std::to_string(already) + " 日)",
            it->second.basis};
  }
  return {true, "ok", "依" + it->second.basis + "延长 " + std::to_string(requested) + " 日",
          it->second.basis};
}

Result<PlanCheck> check_payment_plan(const PaymentPlan& plan, std::int64_t fine_fen,
                                     std::string_view payment_due, std::string_view approved_on) {
  const std::string article = kApl + "第六十六条";
  auto no = [&](std::string code, std::string reason) {
    return PlanCheck{{false, std::move(code), std::move(reason), article}, ""};
  };
  if (fine_fen <= 0) return no("case.plan_no_fine", "本案没有罚款,无需暂缓或分期缴纳");
  if (plan.applied_on.empty()) {
    return no("case.plan_no_application",
              "暂缓或分期缴纳罚款须经当事人申请,请登记当事人的书面申请日期");
  }
  if (auto ok = check_date(plan.applied_on, "data.plan.applied_on"); !ok) return ok.error();
  if (plan.applied_on > approved_on) {
    return no("case.plan_application_later", "当事人申请日期不能晚于批准日期");
  }
  std::string last;
  if (plan.kind == "deferral") {
    if (auto ok = check_date(plan.until, "data.plan.until"); !ok) return ok.error();
    if (plan.until <= payment_due) {
      return no("case.plan_not_later",
                "暂缓缴纳的期限应晚于原缴款期限 " + std::string(payment_due));
    }
    last = plan.until;
  } else if (plan.kind == "instalments") {
    if (plan.instalments.size() < 2) {
      return no("case.plan_instalments", "分期缴纳至少分两期");
    }
    std::int64_t sum = 0;
    std::string previous(approved_on);
    for (const auto& i : plan.instalments) {
      if (auto ok = check_date(i.due, "data.plan.instalments"); !ok) return ok.error();
      if (i.due <= previous) {
        return no("case.plan_order", "各期缴款日期应晚于批准日期并逐期推后");
      }
      if (i.fine_fen <= 0) return no("case.plan_amount", "每期金额应大于零");
      sum += i.fine_fen;
      previous = i.due;
    }
    if (sum != fine_fen) {
      return no("case.plan_sum",
                "各期金额合计 " + yuan_text(sum) + " 与罚款 " + yuan_text(fine_fen) + " 不一致");
    }
    last = previous;
  } else {
    return Error::invalid("case.plan_kind", "请选择暂缓缴纳或分期缴纳", "deferral or instalments",
                          "data.plan.kind");
  }
  return PlanCheck{{true, "ok", "", article}, last};
}

const std::vector<std::pair<std::string, std::string>>& transfer_materials() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"transfer_letter", "涉嫌犯罪案件移送书"},
      {"investigation_report", "涉嫌犯罪案件情况的调查报告"},
      {"item_list", "涉案物品清单"},
      {"inspection_report", "有关检验报告或者鉴定结论"},
  };
  return k;
}

RuleCheck check_transfer(const TransferFacts& f) {
  if (f.receiver_kind != "police" && f.receiver_kind != "agency") {
    return {false, "case.transfer_kind", "请选择移送公安机关(涉嫌犯罪)或移送其他有管辖权的机关",
            ""};
  }
  if (f.receiver.empty()) return {false, "case.transfer_receiver", "请写明接收移送的机关", ""};
  if (f.receiver_kind == "agency") return {true, "ok", "", ""};
  for (const auto& [key, label] : transfer_materials()) {
    if (key == "item_list" && f.no_items) continue;
    if (key == "inspection_report" && f.no_inspection) continue;
    if (!f.materials.count(key)) {
      return {false, "case.transfer_materials", "向公安机关移送涉嫌犯罪案件,应当附有" + label,
              kTransferRule};
    }
  }
  return {true, "ok", "", kTransferRule};
}

DiscretionCheck check_discretion(const Penalty& p, const Decision& d, std::string_view benchmark,
                                 std::string_view reason) {
  const std::string article = kApl + "第三十四条";
  bool fined = p.kinds.count(PenaltyKind::kFine) > 0;
  std::string why;
  if (d.outcome == DecisionOutcome::kNoPenalty && !p.kinds.empty()) {
    why = "依裁量基准 " + std::string(benchmark) + ",本案情形应当不予处罚";
  } else if (fined && (p.fine_fen < d.min_fen || p.fine_fen > d.max_fen)) {
    why = "拟罚款 " + yuan_text(p.fine_fen) + " 不在裁量基准 " + std::string(benchmark) + " 的 " +
          yuan_text(d.min_fen) + " 至 " + yuan_text(d.max_fen) + " 范围内";
  }
  if (why.empty()) return {{true, "ok", "", article}, false};
  if (reason.empty()) {
    return {
        {false, "case.discretion_outside", why + ";确需偏离的,应当写明理由并经法制审核", article},
        true};
  }
  return {{true, "ok", why + ";偏离理由:" + std::string(reason), article}, true};
}

}  // namespace zhifa::domain
