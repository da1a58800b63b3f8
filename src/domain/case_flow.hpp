// The procedure of a penalty case as a state machine (DOMAIN.md §4): each state says which actions
// may follow and who may take them, like the phases of a case in codeNforce. Lead (线索) → filing
// (立案) → investigation (调查取证) → prior notice (告知) → statement, defence, hearing (听证) →
// legal review (法制审核) → collective decision (集体讨论) → decision (决定) → service (送达) →
// payment or enforcement (执行) → closing (结案) → archive (归档); the simplified procedure decides
// on the spot; suspension (中止) returns to where the case was; termination (终止), withdrawal
// (撤销立案) and transfer (移送) end it. An archived case is read-only. The legal checks of each
// step (domain/case_rules.hpp) are applied by the use case on top of this structure; the machine
// itself refuses a decision that needs a legal review which has not passed (APL 58).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

enum class CaseRole {
  kOfficer,   // 承办人员
  kLeader,    // 机关负责人
  kReviewer,  // 法制审核人员
};

std::string_view to_string(CaseRole r);
std::string_view label_zh(CaseRole r);

struct CaseActionDef {
  std::string_view key, label;
};

// What the machine needs to know beyond the state.
struct FlowContext {
  bool review_required = false;  // domain::review_required said so (or the leadership marked it)
  bool review_passed = false;    // the latest review agreed
  std::string suspended_from;    // for `resume`: the state the case was suspended in
  bool extension_requested = false;  // a request to extend the decision deadline awaits approval
};

// Every state key with its Chinese label, in procedural order.
const std::vector<CaseActionDef>& case_states();
std::string_view case_state_label(std::string_view state);
bool is_case_state(std::string_view state);
// The Chinese label of an action key ("decide" -> 作出处罚决定); the key itself when unknown.
std::string_view case_action_label(std::string_view action);

// No action at all: an archived case, and the ends of a lead (dismissed, passed on).
bool is_read_only(std::string_view state);
// The case has ended (closed, archived, terminated, withdrawn, transferred, dismissed, passed on).
bool is_finished(std::string_view state);

// The state after `action`, or the reason it is refused: unknown action, not allowed in this state,
// not for this role, a decision without the required review, a resume without a suspended state.
Result<std::string> next_case_state(std::string_view state, std::string_view action, CaseRole role,
                                    const FlowContext& ctx);

// The actions the role may take now (the buttons a case page shows).
std::vector<CaseActionDef> allowed_case_actions(std::string_view state, CaseRole role,
                                                const FlowContext& ctx);

}  // namespace zhifa::domain
