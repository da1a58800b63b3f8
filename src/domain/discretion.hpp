// Discretion benchmarks (行政处罚裁量基准, DOMAIN.md §3, APL 34) and the inclusive-prudent lists
// (包容审慎清单). A benchmark describes one violation: the article violated, the article that sets
// the penalty, the law's whole fine range, and levels (e.g. 轻微/一般/较重/严重) each with its
// criteria, its fine range and other penalties. `decide` takes a benchmark, the level the facts
// place the case in and the circumstances, and returns the permitted fine range with the reasons
// and the articles behind it:
// - no penalty (APL 33): no fault; or a minor violation (a level marked minor) corrected promptly
//   without harm; or a matching no-penalty list entry. A first violation with minor harm, promptly
//   corrected, *may* go unpunished (首违不罚): the range is returned with that option;
// - mitigated (减轻, below the law's minimum) only when the law allows it (APL 30, 32, or a
//   mitigated-list entry) and the officer chooses it;
// - lighter (从轻): the lower half of the level's range; aggravating (从重): the upper half; both
//   or neither: the whole level.
// Pure: no I/O. Money in fen; multiples of illegal gains or goods value in thousandths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

enum class FineBasis {
  kFixed,          // min/max in fen
  kGainsMultiple,  // min/max in thousandths of the illegal gains (违法所得)
  kValueMultiple,  // min/max in thousandths of the goods value (货值金额)
};

struct FineRange {
  FineBasis basis = FineBasis::kFixed;
  std::int64_t min = 0, max = 0;
};

struct DiscretionLevel {
  std::string key;       // e.g. minor | general | serious | grave
  std::string label;     // 轻微 | 一般 | 较重 | 严重
  std::string criteria;  // the facts that place a case here
  FineRange fine;
  std::vector<std::string> other;  // other penalties: 没收违法所得, 责令停业整治 ...
  bool minor = false;              // the level is 违法行为轻微 in the sense of APL 33
};

struct Benchmark {
  std::string code;
  std::string violation;  // what the violation is
  std::string violated_article;  // e.g. 《中华人民共和国大气污染防治法》第八十一条第一款
  std::string penalty_article;          // the article that sets the penalty
  FineRange statutory;                  // the law's whole range
  std::vector<DiscretionLevel> levels;  // from the lightest to the gravest
};

// A benchmark that is consistent: every range has min <= max, every level uses the law's basis and
// stays within the law's range, and levels ascend without overlapping.
Status check_benchmark(const Benchmark& b);

enum class Harm { kNone, kMinor, kSerious };

enum class LenientKind {
  kNoPenalty,   // 不予处罚
  kLighter,     // 从轻
  kMitigated,   // 减轻
  kNoCoercion,  // 免予行政强制
};

struct LenientEntry {
  std::string code;
  LenientKind kind = LenientKind::kNoPenalty;
  std::string violation_code;  // the benchmark it applies to
  bool first_violation_only = false;
  Harm max_harm = Harm::kNone;
  int corrected_within_days = -1;  // -1: correction not required
  std::string basis;               // the article or document the entry rests on
  // The entry's conditions include facts beyond first violation, harm and correction (受胁迫,
  // 不知道产品为假冒 ...): it applies only once the officer confirms them
  // (Circumstances::confirmed_entries); until then it is reported as a candidate.
  bool needs_confirmation = false;
};

struct Circumstances {
  bool organisation = false;  // party type: an organisation (else a natural person)
  bool first_violation = false;
  Harm harm = Harm::kNone;
  std::optional<int> corrected_in_days;          // days after discovery it was corrected; none: not
  int prompt_days = 15;                          // what counts as prompt correction (及时改正)
  bool no_fault = false;                         // APL 33 ¶2: proof of no fault
  bool minor_14_to_18 = false;                   // APL 30
  std::vector<std::string> lighter_reasons;      // APL 32 or the benchmark's own lighter facts
  std::vector<std::string> aggravating_reasons;  // the benchmark's aggravating facts
  bool choose_mitigation = false;  // where the law allows 从轻 or 减轻, the officer chose 减轻
  std::int64_t base_fen = 0;       // illegal gains or goods value, for a multiple range
  std::vector<std::string> confirmed_entries;  // list entries whose other conditions hold
};

enum class DecisionOutcome {
  kNoPenalty,  // 不予处罚
  kMayWaive,   // 可以不予处罚 (首违不罚); the range still applies if the officer punishes
  kPenalty,
};

struct Decision {
  DecisionOutcome outcome = DecisionOutcome::kPenalty;
  std::int64_t min_fen = 0, max_fen = 0;     // the permitted fine
  std::vector<std::string> other;            // other penalties of the level
  std::vector<std::string> reasons;          // Chinese, in the order the rules applied
  std::vector<std::string> articles;         // every article relied on
  std::vector<std::string> lenient_matches;  // codes of the matching list entries
  // Entries whose first-violation, harm and correction conditions hold but whose other facts
  // wait for the officer's confirmation.
  std::vector<std::string> lenient_candidates;
  bool no_coercion = false;  // a 免予行政强制 entry matched
};

// The permitted penalty; refuses an unknown level, an inconsistent benchmark, or a multiple range
// without the amount it multiplies.
Result<Decision> decide(const Benchmark& b, std::string_view level_key, const Circumstances& c,
                        const std::vector<LenientEntry>& lenient);

std::string_view to_string(DecisionOutcome o);

}  // namespace zhifa::domain
