#include "domain/discretion.hpp"

#include <algorithm>

namespace zhifa::domain {
namespace {

constexpr const char* kApl = "《中华人民共和国行政处罚法》";

Error bad(const std::string& zh, const std::string& en, const std::string& field,
          const std::string& code = "discretion.benchmark") {
  return Error::invalid(code, zh, en, field);
}

std::string yuan(std::int64_t fen) {
  std::string s = std::to_string(fen / 100);
  if (fen % 100 != 0) {
    std::string c = std::to_string(fen % 100);
    s += "." + std::string(2 - c.size(), '0') + c;
    while (s.back() == '0') s.pop_back();
  }
  return s + " 元";
}

bool matches(const LenientEntry& e, const Benchmark& b, const Circumstances& c) {
  if (e.violation_code != b.code) return false;
  if (e.first_violation_only && !c.first_violation) return false;
  if (static_cast<int>(c.harm) > static_cast<int>(e.max_harm)) return false;
  if (e.corrected_within_days >= 0 &&
      (!c.corrected_in_days || *c.corrected_in_days > e.corrected_within_days)) {
    return false;
  }
  return true;
}

void add_article(Decision& d, const std::string& a) {
  if (!a.empty() && std::find(d.articles.begin(), d.articles.end(), a) == d.articles.end()) {
    d.articles.push_back(a);
  }
}

}  // namespace

std::string_view to_string(DecisionOutcome o) {
  switch (o) {
    case DecisionOutcome::kNoPenalty:
      return "no_penalty";
    case DecisionOutcome::kMayWaive:
      return "may_waive";
    case DecisionOutcome::kPenalty:
      return "penalty";
  }
  return "penalty";
}

Status check_benchmark(const Benchmark& b) {
  if (b.statutory.min < 0 || b.statutory.min > b.statutory.max) {
    return bad("法定罚款幅度的下限不能高于上限", "the statutory minimum exceeds the maximum",
               "statutory", "discretion.range");
  }
  if (b.levels.empty()) return bad("裁量基准至少要有一个裁量等级", "no levels", "levels");
  const DiscretionLevel* prev = nullptr;
  for (const auto& l : b.levels) {
    const std::string name = l.label.empty() ? l.key : l.label;
    if (l.key.empty()) return bad("裁量等级缺少标识", "a level has no key", "levels");
    if (l.fine.basis != b.statutory.basis) {
      return bad("裁量等级“" + name + "”的罚款计算方式与法定幅度不一致",
                 "level " + l.key + " uses another basis than the law", "levels");
    }
    if (l.fine.min > l.fine.max) {
      return bad("裁量等级“" + name + "”的罚款下限高于上限",
                 "level " + l.key + ": minimum exceeds maximum", "levels", "discretion.range");
    }
    if (l.fine.min < b.statutory.min || l.fine.max > b.statutory.max) {
      return bad("裁量等级“" + name + "”超出法定罚款幅度",
                 "level " + l.key + " lies outside the statutory range", "levels",
                 "discretion.outside");
    }
    if (prev && l.fine.min < prev->fine.max) {
      return bad("裁量等级“" + name + "”与“" + (prev->label.empty() ? prev->key : prev->label) +
                     "”的罚款幅度重叠或顺序颠倒",
                 "levels " + prev->key + " and " + l.key + " overlap or are out of order", "levels",
                 "discretion.overlap");
    }
    prev = &l;
  }
  return Ok{};
}

Result<Decision> decide(const Benchmark& b, std::string_view level_key, const Circumstances& c,
                        const std::vector<LenientEntry>& lenient) {
  if (auto ok = check_benchmark(b); !ok) return ok.error();
  auto it = std::find_if(b.levels.begin(), b.levels.end(),
                         [&](const DiscretionLevel& l) { return l.key == level_key; });
  if (it == b.levels.end()) {
    return Error::invalid("discretion.level", "该裁量基准没有此裁量等级: " + std::string(level_key),
                          "unknown level", "level");
  }
  const DiscretionLevel& level = *it;
  auto amount = [&](std::int64_t v) -> std::int64_t {
    if (b.statutory.basis == FineBasis::kFixed) return v;
    // thousandths of the base, rounded down to the fen
    return static_cast<std::int64_t>((static_cast<__int128>(c.base_fen) * v) / 1000);
  };
  if (b.statutory.basis != FineBasis::kFixed && c.base_fen <= 0) {
    return Error::invalid(
        "discretion.base",
        b.statutory.basis == FineBasis::kGainsMultiple ? "按倍数计罚:请填写违法所得金额"
                                                       : "按倍数计罚:请填写货值金额",
        "the range is a multiple: the amount it multiplies is required", "base_fen");
  }

  Decision d;
  d.other = level.other;
  add_article(d, b.violated_article);
  add_article(d, b.penalty_article);
  bool corrected = c.corrected_in_days.has_value();
  bool prompt = corrected && *c.corrected_in_days <= c.prompt_days;

  bool list_no_penalty = false, list_lighter = false, list_mitigated = false;
  for (const auto& e : lenient) {
    if (!matches(e, b, c)) continue;
    if (e.needs_confirmation && std::find(c.confirmed_entries.begin(), c.confirmed_entries.end(),
                                          e.code) == c.confirmed_entries.end()) {
      d.lenient_candidates.push_back(e.code);  // the officer has yet to confirm its other facts
      continue;
    }
    d.lenient_matches.push_back(e.code);
    add_article(d, e.basis);
    switch (e.kind) {
      case LenientKind::kNoPenalty:
        list_no_penalty = true;
        break;
      case LenientKind::kLighter:
        list_lighter = true;
        break;
      case LenientKind::kMitigated:
        list_mitigated = true;
        break;
      case LenientKind::kNoCoercion:
        d.no_coercion = true;
        d.reasons.push_back("符合免予行政强制清单(" + e.code + ")");
        break;
    }
  }

  // --- no penalty ---
  auto none = [&](std::string reason, std::string article) {
    d.outcome = DecisionOutcome::kNoPenalty;
    d.min_fen = d.max_fen = 0;
    d.other.clear();
    d.reasons.push_back(std::move(reason));
    add_article(d, article);
    d.reasons.push_back("不予处罚的,应当对当事人进行教育");
    return d;
  };
  if (c.no_fault) {
    return none("当事人有证据足以证明没有主观过错,不予行政处罚",
                std::string(kApl) + "第三十三条第二款");
  }
  if (level.minor && c.harm == Harm::kNone && prompt) {
    return none("违法行为轻微并及时改正,没有造成危害后果,不予行政处罚",
                std::string(kApl) + "第三十三条第一款");
  }
  if (list_no_penalty) return none("符合不予处罚清单,不予行政处罚", "");

  // --- the range of the level, then lighter / aggravating / mitigated ---
  std::int64_t lo = amount(level.fine.min), hi = amount(level.fine.max);
  d.reasons.push_back("裁量等级:" + (level.label.empty() ? level.key : level.label) + "(" +
                      yuan(lo) + "至" + yuan(hi) + ")");
  bool entitled_mitigation = !c.lighter_reasons.empty() || c.minor_14_to_18 || list_mitigated;
  bool lighter = !c.lighter_reasons.empty() || c.minor_14_to_18 || list_lighter;
  bool aggravating = !c.aggravating_reasons.empty();
  for (const auto& r : c.lighter_reasons) d.reasons.push_back("从轻情节:" + r);
  for (const auto& r : c.aggravating_reasons) d.reasons.push_back("从重情节:" + r);
  if (c.minor_14_to_18) {
    d.reasons.push_back("已满十四周岁不满十八周岁,应当从轻或者减轻处罚");
    add_article(d, std::string(kApl) + "第三十条");
  }
  if (!c.lighter_reasons.empty()) add_article(d, std::string(kApl) + "第三十二条");

  if (list_mitigated || (c.choose_mitigation && entitled_mitigation)) {
    // 减轻: below the law's minimum (for a law without a minimum, below the level's).
    std::int64_t floor_max = b.statutory.min > 0 ? amount(b.statutory.min) : lo;
    d.min_fen = 0;
    d.max_fen = floor_max;
    d.reasons.push_back(list_mitigated ? "符合减轻处罚清单,在法定最低罚款数额以下处罚"
                                       : "依法减轻处罚,在法定最低罚款数额以下处罚");
  } else if (c.choose_mitigation) {
    return Error::invalid("discretion.mitigation",
                          "没有依法可以减轻处罚的情节,不能减轻处罚(行政处罚法第三十条、第三十二条)",
                          "no circumstance allows a mitigated penalty", "choose_mitigation");
  } else if (lighter && !aggravating) {
    d.min_fen = lo;
    d.max_fen = lo + (hi - lo) / 2;
    d.reasons.push_back("从轻处罚:在本等级幅度的下半段");
  } else if (aggravating && !lighter) {
    d.min_fen = lo + (hi - lo) / 2;
    d.max_fen = hi;
    d.reasons.push_back("从重处罚:在本等级幅度的上半段");
  } else {
    d.min_fen = lo;
    d.max_fen = hi;
    if (lighter && aggravating) d.reasons.push_back("从轻与从重情节并存:在本等级全幅度内裁量");
  }

  // 首违不罚: may go unpunished; the range stays for when the officer punishes.
  if (c.first_violation && c.harm != Harm::kSerious && prompt) {
    d.outcome = DecisionOutcome::kMayWaive;
    d.reasons.push_back("初次违法且危害后果轻微并及时改正,可以不予行政处罚");
    add_article(d, std::string(kApl) + "第三十三条第一款");
  }
  return d;
}

}  // namespace zhifa::domain
