// Penalty cases (DOMAIN.md §4), first service slice: a lead is registered, filed, investigated,
// noticed, heard, reviewed, decided, served, paid, closed and archived through one entry point,
// `act`, which asks domain/case_flow whether the step may follow and domain/case_rules whether the
// law allows it, then stores the step, its ledger event and the deadlines it sets — or refuses with
// the reason and the article. Concurrent steps on one case: the first wins, the other gets 409.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::cases {

struct LeadInput {
  std::int64_t org_id = 0;
  std::string procedure = "general";  // general | simplified
  std::string source, summary, party_name, party_type, field;
  std::optional<std::int64_t> matter_id;
  std::string act_date;
  std::optional<std::string> act_end;
  std::string discovered;
  bool grave_harm = false;
  std::vector<std::int64_t> officer_ids;
};

struct ActionInput {
  std::string action;
  std::int64_t version = 0;
  std::string note;
  nlohmann::json data = nlohmann::json::object();  // the step's facts (penalty, dates, review ...)
};

struct CaseFilter {
  std::optional<std::string> state, q;
  std::optional<std::int64_t> org_id, officer_id;
  std::optional<std::string> due_before;  // decision due on or before
};

// The body's next decision number for the year of `date`, e.g. 运城市场罚〔2026〕12号, from a
// counter per body and year taken inside the caller's transaction (a refused or conflicting
// decision rolls it back: no gap, no repeat).
std::string decision_number(db::Tx& tx, std::int64_t org_id, const std::string& date);
// Its parts, for a bulk load that numbers many decisions itself: the body's prefix (its short
// name, or one made from its name: 运城市场, 解州镇综执), the number's text, and the counter's name
// (a bulk load leaves the counter at the last number it gave).
std::string decision_prefix(db::Tx& tx, std::int64_t org_id);
std::string format_decision_number(const std::string& prefix, int year, std::int64_t n);
std::string decision_counter(std::int64_t org_id, int year);

class CaseService {
 public:
  explicit CaseService(app::Env& env) : env_(env) {}

  Result<nlohmann::json> create(const domain::Scope& scope, const LeadInput& in);
  nlohmann::json list(const domain::Scope& scope, const CaseFilter& f, std::int64_t page,
                      std::int64_t size);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> act(const domain::Scope& scope, std::int64_t id, const ActionInput& in);
  // The step alone (act without reading the case back): checked, stored, in the ledger, committed.
  Status step(const domain::Scope& scope, std::int64_t id, const ActionInput& in);
  // The deadline board: the open deadlines (decision while the case is being handled, service once
  // decided, payment once served) overdue or due within `within_days`, with counts per body and per
  // officer.
  nlohmann::json deadlines(const domain::Scope& scope, int within_days);
  // The in-app notices of the caller (the bell): the deadlines of the board within 7 days for those
  // who handle or approve cases, and the cases awaiting legal review for reviewers; each with a
  // sentence, overdue first. {overdue, due, items (at most 50)}.
  nlohmann::json notifications(const domain::Scope& scope);
  // The local settings of the case rules (domain/case_settings): read by everyone who handles
  // cases, changed by those who hold case:settings:manage (each change in the ledger with the
  // before and after).
  nlohmann::json settings();
  // Officers still on open cases without a certificate in force today for the case's field
  // (suspended, revoked, expired ...), each with the reason: the supervisor's report.
  nlohmann::json uncertified(const domain::Scope& scope);
  Result<nlohmann::json> put_settings(const domain::Scope& scope, const nlohmann::json& body);

 private:
  std::string today() const;
  app::Env& env_;
};

}  // namespace zhifa::modules::cases
