#include "domain/case_rules.hpp"

#include <algorithm>

#include "domain/dates.hpp"

namespace zhifa::domain {
namespace {

const std::string kApl = "《中华人民共和国行政处罚法》";

RuleCheck ok(std::string article = "") { return {true, "ok", "", std::move(article)}; }

RuleCheck refuse(std::string code, std::string reason, std::string article) {
  return {false, std::move(code), std::move(reason), std::move(article)};
}

struct KindDef {
  PenaltyKind kind;
  std::string_view key, label;
};

constexpr KindDef kKinds[] = {
    {PenaltyKind::kWarning, "warning", "警告、通报批评"},
    {PenaltyKind::kFine, "fine", "罚款"},
    {PenaltyKind::kConfiscation, "confiscation", "没收违法所得、没收非法财物"},
    {PenaltyKind::kSuspendLicence, "suspend_licence", "暂扣许可证件"},
    {PenaltyKind::kLowerQualification, "lower_qualification", "降低资质等级"},
    {PenaltyKind::kRevokeLicence, "revoke_licence", "吊销许可证件"},
    {PenaltyKind::kRestrictActivity, "restrict_activity", "限制开展生产经营活动"},
    {PenaltyKind::kOrderClosure, "order_closure", "责令停产停业、责令关闭"},
    {PenaltyKind::kRestrictPractice, "restrict_practice", "限制从业"},
    {PenaltyKind::kDetention, "detention", "行政拘留"},
    {PenaltyKind::kOther, "other", "其他行政处罚"},
};

bool has(const Penalty& p, PenaltyKind k) { return p.kinds.count(k) > 0; }

// How heavy a kind is, for "never heavier after a defence": a kind the notice did not name is
// heavier unless it is lighter than every kind the notice named.
int weight(PenaltyKind k) {
  switch (k) {
    case PenaltyKind::kWarning:
      return 1;
    case PenaltyKind::kFine:
    case PenaltyKind::kConfiscation:
      return 2;
    case PenaltyKind::kSuspendLicence:
    case PenaltyKind::kRestrictActivity:
      return 3;
    case PenaltyKind::kLowerQualification:
    case PenaltyKind::kRestrictPractice:
      return 4;
    case PenaltyKind::kOrderClosure:
    case PenaltyKind::kRevokeLicence:
      return 5;
    case PenaltyKind::kDetention:
      return 6;
    case PenaltyKind::kOther:
      return 3;
  }
  return 3;
}

}  // namespace

std::string yuan_text(std::int64_t fen) {
  std::string s = std::to_string(fen / 100);
  std::int64_t cents = fen % 100;
  if (cents) {
    s += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    while (s.back() == '0') s.pop_back();
  }
  return s + " 元";
}

std::optional<PenaltyKind> parse_penalty_kind(std::string_view s) {
  for (const auto& k : kKinds) {
    if (k.key == s) return k.kind;
  }
  return std::nullopt;
}

std::string_view to_string(PenaltyKind k) {
  for (const auto& d : kKinds) {
    if (d.kind == k) return d.key;
  }
  return "other";
}

std::string_view label_zh(PenaltyKind k) {
  for (const auto& d : kKinds) {
    if (d.kind == k) return d.label;
  }
  return "其他行政处罚";
}

RuleCheck check_officers(const std::vector<OfficerOnCase>& officers) {
  const std::string article = kApl + "第四十二条";
  int certified = 0;
  std::string refused;
  for (const auto& o : officers) {
    if (o.eligibility.certified) {
      ++certified;
    } else {
      refused += (refused.empty() ? "" : ";") + o.name + ":" + o.eligibility.reason_zh;
    }
  }
  if (certified >= 2) return ok(article);
  std::string reason =
      "执法人员不得少于两人,且均应持有本领域有效的行政执法证件;目前符合条件的只有 " +
      std::to_string(certified) + " 人";
  if (!refused.empty()) reason += "(" + refused + ")";
  return refuse("case.officers", reason, article);
}

RuleCheck check_body(bool confirmed_for_year, bool active, bool holds_matter) {
  if (!active) {
    return refuse("case.body_not_active", "执法主体已被暂停执法或撤销,不能以其名义办理案件",
                  kApl + "第十七条");
  }
  if (!confirmed_for_year) {
    return refuse("case.body_not_confirmed", "执法主体本年度的主体资格尚未确认,不能办理案件",
                  kApl + "第十七条");
  }
  if (!holds_matter) {
    return refuse("case.matter_not_held",
                  "该执法事项不在本主体的权责清单内(乡镇须为本县已采用的法定或赋权事项)",
                  kApl + "第二十四条");
  }
  return ok(kApl + "第十七条");
}

Result<Limitation> check_limitation(const LimitationFacts& f) {
  if (auto r = check_date(f.act_date, "act_date"); !r) return r.error();
  if (auto r = check_date(f.discovered, "discovered"); !r) return r.error();
  std::string start = f.act_date;
  if (f.act_end) {
    if (auto r = check_date(*f.act_end, "act_end"); !r) return r.error();
    if (*f.act_end < f.act_date) {
      return Error::invalid("case.act_dates", "违法行为的终了日期不能早于开始日期",
                            "the act ends before it starts", "act_end");
    }
    start = *f.act_end;  // 连续或者继续状态的,从行为终了之日起计算
  }
  if (f.discovered < f.act_date) {
    return Error::invalid("case.discovered", "发现日期不能早于违法行为发生日期",
                          "discovered before the act", "discovered");
  }
  const std::string article = kApl + "第三十六条";
  int years = f.grave_harm ? 5 : 2;
  Limitation out;
  out.last_day = add_years(start, years);
  if (f.discovered > out.last_day) {
    out.check = refuse("case.limitation",
                       "违法行为在" + std::to_string(years) + "年内未被发现(自" + start +
                           "起算,至" + out.last_day + "止),不再给予行政处罚",
                       article);
  } else {
    out.check = ok(article);
  }
  return out;
}

RuleCheck check_simplified(const Penalty& p) {
  const std::string article = kApl + "第五十一条";
  for (auto k : p.kinds) {
    if (k != PenaltyKind::kWarning && k != PenaltyKind::kFine) {
      return refuse(
          "case.simplified_kind",
          "简易程序只能当场作出警告或者小额罚款,“" + std::string(label_zh(k)) + "”应当适用普通程序",
          article);
    }
  }
  if (p.kinds.empty()) {
    return refuse("case.simplified_kind", "请写明当场作出的处罚(警告或罚款)", article);
  }
  std::int64_t limit = p.organisation ? 300'000 : 20'000;
  if (has(p, PenaltyKind::kFine) && p.fine_fen > limit) {
    return refuse("case.simplified_fine",
                  std::string("简易程序的罚款上限为") +
                      (p.organisation ? "对法人或者其他组织" : "对公民") + yuan_text(limit) +
                      ",本案罚款 " + yuan_text(p.fine_fen) + " 应当适用普通程序",
                  article);
  }
  return ok(article);
}

RuleCheck check_cash_on_spot(std::int64_t fine_fen) {
  const std::string article = kApl + "第六十八条";
  if (fine_fen > 10'000) {
    return refuse("case.cash_on_spot",
                  "当场收缴罚款限于 100 元以下,本案罚款 " + yuan_text(fine_fen) +
                      " 应由当事人到指定银行或者通过电子支付系统缴纳",
                  article);
  }
  return ok(article);
}

RuleCheck hearing_right(const Penalty& p, const HearingThresholds& t) {
  const std::string article = kApl + "第六十三条";
  std::vector<std::string> grounds;
  std::int64_t fine_limit = p.organisation ? t.organisation_fine_fen : t.person_fine_fen;
  std::int64_t conf_limit =
      p.organisation ? t.organisation_confiscation_fen : t.person_confiscation_fen;
  if (has(p, PenaltyKind::kFine) && p.fine_fen >= fine_limit) {
    grounds.push_back("较大数额罚款(" + yuan_text(p.fine_fen) + ",本地标准 " +
                      yuan_text(fine_limit) + ")");
  }
  if (has(p, PenaltyKind::kConfiscation) && p.confiscation_fen >= conf_limit) {
    grounds.push_back("没收较大数额违法所得、非法财物(" + yuan_text(p.confiscation_fen) + ")");
  }
  for (auto k :
       {PenaltyKind::kLowerQualification, PenaltyKind::kRevokeLicence, PenaltyKind::kOrderClosure,
        PenaltyKind::kRestrictPractice, PenaltyKind::kRestrictActivity,
        PenaltyKind::kSuspendLicence, PenaltyKind::kOther}) {
    if (has(p, k)) grounds.push_back(std::string(label_zh(k)));
  }
  if (grounds.empty()) {
    return {false, "case.no_hearing_right", "拟作出的处罚不属于应当告知听证权利的情形", article};
  }
  std::string reason = "当事人有权要求听证:";
  for (std::size_t i = 0; i < grounds.size(); ++i) reason += (i ? "、" : "") + grounds[i];
  return {true, "case.hearing_right", reason, article};
}

Result<std::string> hearing_request_deadline(const WorkdayCalendar& cal, std::string_view served) {
  return cal.add_working_days(served, 5);
}

Result<RuleCheck> check_hearing_request(const WorkdayCalendar& cal, std::string_view served,
                                        std::string_view requested) {
  auto last = hearing_request_deadline(cal, served);
  if (!last) return last.error();
  const std::string article = kApl + "第六十四条、第八十五条";
  if (requested < served) {
    return Error::invalid("case.dates", "听证申请日期不能早于告知书送达日期",
                          "request before the notice", "requested");
  }
  if (requested > *last) {
    return refuse("case.hearing_late",
                  "当事人应当在告知书送达后五个工作日内(至 " + *last + ")提出听证要求,逾期视为放弃",
                  article);
  }
  return ok(article);
}

Result<RuleCheck> check_hearing_notice(const WorkdayCalendar& cal, std::string_view notified,
                                       std::string_view hearing) {
  auto earliest = cal.add_working_days(notified, 7);
  if (!earliest) return earliest.error();
  const std::string article = kApl + "第六十四条、第八十五条";
  if (hearing < *earliest) {
    return refuse("case.hearing_notice",
                  "应当在举行听证的七个工作日前通知当事人;" + std::string(notified) +
                      " 通知的,听证最早于 " + *earliest + " 举行",
                  article);
  }
  return ok(article);
}

RuleCheck check_not_heavier(const Penalty& noticed, const Penalty& decided) {
  const std::string article = kApl + "第四十五条";
  int noticed_max = 0;
  for (auto k : noticed.kinds) noticed_max = std::max(noticed_max, weight(k));
  for (auto k : decided.kinds) {
    if (!noticed.kinds.count(k) && weight(k) >= noticed_max) {
      return refuse(
          "case.heavier",
          "不得因当事人陈述、申辩而给予更重的处罚:告知书未载明“" + std::string(label_zh(k)) + "”",
          article);
    }
  }
  if (has(decided, PenaltyKind::kFine) && decided.fine_fen > noticed.fine_fen) {
    return refuse("case.heavier",
                  "不得因当事人陈述、申辩而加重处罚:罚款 " + yuan_text(decided.fine_fen) +
                      " 高于告知的 " + yuan_text(noticed.fine_fen),
                  article);
  }
  if (has(decided, PenaltyKind::kConfiscation) &&
      decided.confiscation_fen > noticed.confiscation_fen) {
    return refuse("case.heavier", "不得因当事人陈述、申辩而加重处罚:没收数额高于告知的数额",
                  article);
  }
  return ok(article);
}

ReviewRequirement review_required(const ReviewFacts& f, const ReviewSettings& s) {
  ReviewRequirement r;
  if (f.major_public_interest) r.reasons.push_back("涉及重大公共利益");
  if (f.hearing_held && f.major_rights) {
    r.reasons.push_back("直接关系当事人或者第三人重大权益,经过听证程序");
  }
  if (f.complex) r.reasons.push_back("案件情况疑难复杂、涉及多个法律关系");
  if (f.law_requires) r.reasons.push_back("法律、法规规定应当进行法制审核");
  if (s.fine_fen > 0 && has(f.penalty, PenaltyKind::kFine) && f.penalty.fine_fen >= s.fine_fen) {
    r.reasons.push_back("罚款 " + yuan_text(f.penalty.fine_fen) + " 达到本机关重大执法决定标准 " +
                        yuan_text(s.fine_fen));
  }
  for (auto k : f.penalty.kinds) {
    if (s.kinds.count(k)) r.reasons.push_back(std::string(label_zh(k)) + "属于本机关重大执法决定");
  }
  if (f.manual) r.reasons.push_back("机关负责人决定进行法制审核");
  r.required = !r.reasons.empty();
  return r;
}

RuleCheck check_reviewer(bool legal_reviewer_of_body, bool qualified, bool investigated_case) {
  const std::string article = kApl + "第五十八条";
  if (!legal_reviewer_of_body) {
    return refuse("case.reviewer_not_staff", "审核人员应当是本机关的法制审核人员", article);
  }
  if (!qualified) {
    return refuse(
        "case.reviewer_unqualified",
        "初次从事行政处罚决定法制审核的人员,应当通过国家统一法律职业资格考试取得法律职业资格",
        article);
  }
  if (investigated_case) {
    return refuse("case.reviewer_investigator", "参与本案调查的执法人员不得审核本案", article);
  }
  return ok(article);
}

Result<std::string> decision_deadline(const WorkdayCalendar& cal, std::string_view filed,
                                      const std::vector<Interval>& suspensions,
                                      int extension_days) {
  if (auto r = check_date(filed, "filed"); !r) return r.error();
  if (extension_days < 0) {
    return Error::invalid("case.extension", "延长期限不能为负数", "negative extension",
                          "extension_days");
  }
  int paused = 0;
  for (const auto& s : suspensions) {
    if (auto r = check_date(s.from, "suspensions.from"); !r) return r.error();
    if (auto r = check_date(s.to, "suspensions.to"); !r) return r.error();
    if (s.to < s.from || s.from < filed) {
      return Error::invalid("case.suspension",
                            "中止期间的日期不正确(应在立案之后,且止日不早于起日)",
                            "a suspension's dates are out of order", "suspensions");
    }
    paused += days_between(s.from, s.to) + 1;
  }
  return cal.add_calendar_days(filed, 90 + paused + extension_days, true);
}

Result<std::string> service_deadline(const WorkdayCalendar& cal, std::string_view decided) {
  return cal.add_working_days(decided, 7);
}

RuleCheck check_electronic_service(bool consent_recorded) {
  const std::string article = kApl + "第六十一条";
  if (!consent_recorded) {
    return refuse("case.electronic_service",
                  "当事人未书面同意电子送达,不得采用传真、电子邮件等方式送达", article);
  }
  return ok(article);
}

Result<std::string> payment_deadline(const WorkdayCalendar& cal, std::string_view served) {
  return cal.add_calendar_days(served, 15, true);
}

std::int64_t late_fee(std::int64_t fine_fen, int days_late) {
  if (days_late <= 0 || fine_fen <= 0) return 0;
  // 3% per day: fine * 3 * days / 100, rounded down to the fen, capped at the fine.
  __int128 fee = static_cast<__int128>(fine_fen) * 3 * days_late / 100;
  return fee > fine_fen ? fine_fen : static_cast<std::int64_t>(fee);
}

}  // namespace zhifa::domain
