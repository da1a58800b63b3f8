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

class CaseService {
 public:
  explicit CaseService(app::Env& env) : env_(env) {}

  Result<nlohmann::json> create(const domain::Scope& scope, const LeadInput& in);
  nlohmann::json list(const domain::Scope& scope, const CaseFilter& f, std::int64_t page,
                      std::int64_t size);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> act(const domain::Scope& scope, std::int64_t id, const ActionInput& in);
  // The deadline board: the open deadlines (decision while the case is being handled, service once
  // decided, payment once served) overdue or due within `within_days`, with counts per body and per
  // officer.
  nlohmann::json deadlines(const domain::Scope& scope, int within_days);
  // The in-app notices of the caller (the bell): the deadlines of the board within 7 days for those
  // who handle or approve cases, and the cases awaiting legal review for reviewers; each with a
  // sentence, overdue first. {overdue, due, items (at most 50)}.
  nlohmann::json notifications(const domain::Scope& scope);

 private:
  std::string today() const;
  app::Env& env_;
};

}  // namespace zhifa::modules::cases
