#include "domain/case_flow.hpp"

#include <algorithm>
#include <array>

namespace zhifa::domain {
namespace {

const std::vector<CaseActionDef> kStates = {
    {"lead", "线索登记"},
    {"investigating", "调查取证"},
    {"noticed", "已告知(陈述申辩期)"},
    {"hearing", "听证"},
    {"reviewing", "法制审核"},
    {"pending_decision", "待决定"},
    {"collective", "集体讨论"},
    {"decided", "已作出决定"},
    {"served", "已送达(履行期)"},
    {"enforcing", "强制执行"},
    {"executed", "执行完毕"},
    {"closed", "已结案"},
    {"archived", "已归档"},
    {"suspended", "中止"},
    {"terminated", "终止"},
    {"withdrawn", "撤销立案"},
    {"transferred", "已移送"},
    {"dismissed", "不予立案"},
    {"passed_on", "已移交其他机关"},
};

struct ActionName {
  std::string_view key, label;
};
constexpr std::array<ActionName, 30> kActions = {{
    {"file", "立案"},
    {"dismiss", "不予立案"},
    {"pass_on", "移交其他机关"},
    {"decide_on_spot", "简易程序当场处罚"},
    {"notify", "送达事先告知书"},
    {"close_without_penalty", "不予处罚或违法事实不成立,结案"},
    {"request_hearing", "登记听证申请"},
    {"submit_review", "提交法制审核"},
    {"submit_decision", "提请作出决定"},
    {"review_agree", "审核通过"},
    {"review_correct", "退回补正"},
    {"review_transfer", "审核意见:移送"},
    {"refer_collective", "提交集体讨论"},
    {"decide", "作出处罚决定"},
    {"serve", "送达决定书"},
    {"record_payment", "登记缴款/履行"},
    {"apply_enforcement", "申请强制执行"},
    {"finish_enforcement", "强制执行完毕"},
    {"close", "结案"},
    {"archive", "归档"},
    {"suspend", "中止调查"},
    {"resume", "恢复调查"},
    {"terminate", "终止调查"},
    {"withdraw", "撤销立案"},
    {"transfer", "移送"},
    {"request_extension", "申请延长办案期限"},
    {"approve_extension", "批准延长办案期限"},
    {"reject_extension", "不批准延长办案期限"},
    {"defer_payment", "批准暂缓或分期缴纳罚款"},
    {"schedule_hearing", "通知听证时间"},
}};

struct Transition {
  std::string_view from, action, to;
  CaseRole role;
};

using R = CaseRole;
// The whole procedure; anything not listed is refused. `resume` goes back to the suspended state.
constexpr std::array<Transition, 60> kTransitions = {{
    {"lead", "file", "investigating", R::kLeader},
    {"lead", "dismiss", "dismissed", R::kLeader},
    {"lead", "pass_on", "passed_on", R::kLeader},
    {"lead", "decide_on_spot", "decided", R::kOfficer},
    {"investigating", "notify", "noticed", R::kOfficer},
    {"investigating", "close_without_penalty", "closed", R::kLeader},
    {"noticed", "request_hearing", "hearing", R::kOfficer},
    {"noticed", "submit_review", "reviewing", R::kOfficer},
    {"noticed", "submit_decision", "pending_decision", R::kOfficer},
    {"hearing", "schedule_hearing", "hearing", R::kOfficer},
    {"hearing", "submit_review", "reviewing", R::kOfficer},
    {"hearing", "submit_decision", "pending_decision", R::kOfficer},
    {"reviewing", "review_agree", "pending_decision", R::kReviewer},
    {"reviewing", "review_correct", "investigating", R::kReviewer},
    {"reviewing", "review_transfer", "transferred", R::kReviewer},
    {"pending_decision", "refer_collective", "collective", R::kLeader},
    {"pending_decision", "decide", "decided", R::kLeader},
    {"pending_decision", "close_without_penalty", "closed", R::kLeader},
    {"collective", "decide", "decided", R::kLeader},
    {"collective", "close_without_penalty", "closed", R::kLeader},
    {"decided", "serve", "served", R::kOfficer},
    {"served", "record_payment", "executed", R::kOfficer},
    {"served", "apply_enforcement", "enforcing", R::kOfficer},
    {"enforcing", "finish_enforcement", "executed", R::kOfficer},
    {"executed", "close", "closed", R::kLeader},
    {"closed", "archive", "archived", R::kOfficer},
    // Suspension, termination, withdrawal and transfer during the procedure.
    {"investigating", "suspend", "suspended", R::kLeader},
    {"noticed", "suspend", "suspended", R::kLeader},
    {"hearing", "suspend", "suspended", R::kLeader},
    {"pending_decision", "suspend", "suspended", R::kLeader},
    {"suspended", "resume", "", R::kLeader},
    {"suspended", "terminate", "terminated", R::kLeader},
    {"investigating", "terminate", "terminated", R::kLeader},
    {"noticed", "terminate", "terminated", R::kLeader},
    {"hearing", "terminate", "terminated", R::kLeader},
    {"pending_decision", "terminate", "terminated", R::kLeader},
    {"investigating", "withdraw", "withdrawn", R::kLeader},
    {"noticed", "withdraw", "withdrawn", R::kLeader},
    {"investigating", "transfer", "transferred", R::kLeader},
    {"pending_decision", "transfer", "transferred", R::kLeader},
    {"served", "terminate", "terminated", R::kLeader},
    // Extending the decision deadline (APL 60 and the sector's rules): asked for by the officers,
    // decided by the leadership, the case staying where it is.
    {"investigating", "request_extension", "investigating", R::kOfficer},
    {"investigating", "approve_extension", "investigating", R::kLeader},
    {"investigating", "reject_extension", "investigating", R::kLeader},
    {"noticed", "request_extension", "noticed", R::kOfficer},
    {"noticed", "approve_extension", "noticed", R::kLeader},
    {"noticed", "reject_extension", "noticed", R::kLeader},
    {"hearing", "request_extension", "hearing", R::kOfficer},
    {"hearing", "approve_extension", "hearing", R::kLeader},
    {"hearing", "reject_extension", "hearing", R::kLeader},
    {"reviewing", "request_extension", "reviewing", R::kOfficer},
    {"reviewing", "approve_extension", "reviewing", R::kLeader},
    {"reviewing", "reject_extension", "reviewing", R::kLeader},
    {"pending_decision", "request_extension", "pending_decision", R::kOfficer},
    {"pending_decision", "approve_extension", "pending_decision", R::kLeader},
    {"pending_decision", "reject_extension", "pending_decision", R::kLeader},
    {"collective", "request_extension", "collective", R::kOfficer},
    {"collective", "approve_extension", "collective", R::kLeader},
    {"collective", "reject_extension", "collective", R::kLeader},
    // Deferred or instalment payment of the fine (APL 66), on the party's application.
    {"served", "defer_payment", "served", R::kLeader},
}};

constexpr std::array<std::string_view, 4> kSuspendable = {"investigating", "noticed", "hearing",
                                                          "pending_decision"};

std::string_view action_label(std::string_view key) {
  for (const auto& a : kActions) {
    if (a.key == key) return a.label;
  }
  return key;
}

Error refused(std::string code, std::string zh, std::string en) {
  return Error::conflict(std::move(code), std::move(zh), std::move(en), "action");
}

}  // namespace

std::string_view to_string(CaseRole r) {
  switch (r) {
    case CaseRole::kOfficer:
      return "officer";
    case CaseRole::kLeader:
      return "leader";
    case CaseRole::kReviewer:
      return "reviewer";
  }
  return "officer";
}

std::string_view label_zh(CaseRole r) {
  switch (r) {
    case CaseRole::kOfficer:
      return "承办人员";
    case CaseRole::kLeader:
      return "机关负责人";
    case CaseRole::kReviewer:
      return "法制审核人员";
  }
  return "承办人员";
}

const std::vector<CaseActionDef>& case_states() { return kStates; }

std::string_view case_action_label(std::string_view action) {
  for (const auto& a : kActions) {
    if (a.key == action) return a.label;
  }
  return action;
}

std::string_view case_state_label(std::string_view state) {
  for (const auto& s : kStates) {
    if (s.key == state) return s.label;
  }
  return state;
}

bool is_case_state(std::string_view state) {
  return std::any_of(kStates.begin(), kStates.end(),
                     [&](const CaseActionDef& s) { return s.key == state; });
}

bool is_read_only(std::string_view state) {
  return state == "archived" || state == "dismissed" || state == "passed_on";
}

bool is_finished(std::string_view state) {
  return state == "closed" || state == "archived" || state == "terminated" ||
         state == "withdrawn" || state == "transferred" || state == "dismissed" ||
         state == "passed_on";
}

Result<std::string> next_case_state(std::string_view state, std::string_view action, CaseRole role,
                                    const FlowContext& ctx) {
  if (!is_case_state(state)) {
    return Error::invalid("case.state", "未知的案件状态", "unknown case state", "state");
  }
  bool known = std::any_of(kActions.begin(), kActions.end(),
                           [&](const ActionName& a) { return a.key == action; });
  if (!known) {
    return Error::invalid("case.action", "未知的办案操作: " + std::string(action),
                          "unknown case action", "action");
  }
  if (is_read_only(state)) {
    return refused("case.read_only",
                   "案件已" + std::string(case_state_label(state)) + ",不能再作任何操作",
                   "the case is read-only");
  }
  const Transition* found = nullptr;
  for (const auto& t : kTransitions) {
    if (t.from == state && t.action == action) found = &t;
  }
  if (!found) {
    return refused("case.action_not_allowed",
                   "案件处于“" + std::string(case_state_label(state)) + "”时不能“" +
                       std::string(action_label(action)) + "”",
                   "the action is not allowed in this state");
  }
  if (found->role != role) {
    return Error::forbidden("case.role",
                            "“" + std::string(action_label(action)) + "”应由" +
                                std::string(label_zh(found->role)) + "办理",
                            "this action belongs to another role");
  }
  if (action == "submit_decision" && ctx.review_required && !ctx.review_passed) {
    return refused("case.review_required",
                   "本案应当进行法制审核,未经法制审核或者审核未通过的,不得作出决定"
                   "(《中华人民共和国行政处罚法》第五十八条)",
                   "a legal review is required before the decision");
  }
  if (action == "decide" && ctx.review_required && !ctx.review_passed) {
    return refused("case.review_required",
                   "本案应当进行法制审核,未经法制审核或者审核未通过的,不得作出决定"
                   "(《中华人民共和国行政处罚法》第五十八条)",
                   "a legal review is required before the decision");
  }
  if (action == "request_extension" && ctx.extension_requested) {
    return refused("case.extension_pending", "已有待批准的延长期限申请,请等待机关负责人审批",
                   "an extension request is already pending");
  }
  if ((action == "approve_extension" || action == "reject_extension") && !ctx.extension_requested) {
    return refused("case.no_extension_request", "没有待批准的延长期限申请",
                   "no extension request is pending");
  }
  if (action == "resume") {
    bool ok = std::find(kSuspendable.begin(), kSuspendable.end(), ctx.suspended_from) !=
              kSuspendable.end();
    if (!ok) {
      return Error::invalid("case.resume", "找不到中止前的办案环节,无法恢复",
                            "no state to resume to", "suspended_from");
    }
    return ctx.suspended_from;
  }
  return std::string(found->to);
}

std::vector<CaseActionDef> allowed_case_actions(std::string_view state, CaseRole role,
                                                const FlowContext& ctx) {
  std::vector<CaseActionDef> out;
  for (const auto& t : kTransitions) {
    if (t.from != state || t.role != role) continue;
    if (next_case_state(state, t.action, role, ctx))
      out.push_back({t.action, action_label(t.action)});
  }
  return out;
}

}  // namespace zhifa::domain
