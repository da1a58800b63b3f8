// Publication of decisions (公示, DOMAIN.md §5.1) and the public side of it (行政执法专栏): the
// queue a decision enters when it is made, the publisher's masked preview, publication (the
// public copy made by the masking rules, its SM3 in the ledger), decisions never published, the
// withdrawal of a changed, revoked or void decision, the take-down at the end of the online
// period, timeliness per body, and the public search, detail and proof. Rules live in
// domain/publication, domain/masking and domain/search_terms.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/publication.hpp"
#include "ledger/ledger.hpp"
#include "platform/answer_cache.hpp"

namespace zhifa::modules::publication {

struct DeskFilter {
  std::optional<std::string> state;  // queued | published | exempt | withdrawn | expired | overdue
  std::optional<std::int64_t> org_id;
  std::optional<std::string> kind;
  std::optional<std::string> q;
};

struct PublicQuery {
  std::string q;
  std::optional<std::int64_t> org_id;
  std::optional<std::string> field, kind, from, to;
  std::int64_t page = 1, size = 20;
};

class PublicationService {
 public:
  explicit PublicationService(app::Env& env);

  // Inside the transaction that decides the case: queues its decision, and publishes it at once
  // when the body publishes automatically (and the case is not flagged).
  void enqueue_case(db::Tx& tx, const domain::Scope* actor, std::int64_t case_id, std::int64_t now);

  // A licence or other decision entered by the body (no case behind it).
  Result<nlohmann::json> create(const domain::Scope& scope, const nlohmann::json& body);
  nlohmann::json list(const domain::Scope& scope, const DeskFilter& f, std::int64_t page,
                      std::int64_t size);
  // One publication with the decision as made and the public copy (as published, or the preview
  // the masking rules make now).
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> publish(const domain::Scope& scope, std::int64_t id, std::int64_t version);
  // {reason: minor | secret | privacy, note}.
  Result<nlohmann::json> exempt(const domain::Scope& scope, std::int64_t id,
                                const nlohmann::json& body);
  Result<nlohmann::json> withdraw(const domain::Scope& scope, std::int64_t id,
                                  const nlohmann::json& body);
  // The case's flag (minor | secret | privacy, or null to clear it), with a note.
  Result<nlohmann::json> flag_case(const domain::Scope& scope, std::int64_t case_id,
                                   const nlohmann::json& body);

  nlohmann::json settings();
  Result<nlohmann::json> put_settings(const domain::Scope& scope, const nlohmann::json& body);

  // The retention job: takes down every publication whose online period ended before `today`.
  int take_down_expired();
  // Per body for a year: decisions due, published on time, late, still waiting, overdue now.
  nlohmann::json timeliness(const domain::Scope& scope, int year);
  // The publisher's reminders (the bell): queued decisions within the reminder days of their
  // deadline (nearest first), then those past it; {items (at most 50), due, overdue}.
  nlohmann::json reminders(const domain::Scope& scope);

  // 行政执法专栏: published data only.
  // The answer as JSON text: {items, total, more, page, page_size}. Recent answers are kept (see
  // AnswerCache) and given again while no published decision has changed.
  std::string public_search(const PublicQuery& q);
  Result<nlohmann::json> public_get(std::int64_t id);
  Result<nlohmann::json> public_proof(std::int64_t id);
  nlohmann::json public_stats();

  std::string today() const;

 private:
  std::string search_answer(db::Tx& tx, const PublicQuery& q);

  app::Env& env_;
  ledger::ProofCache proofs_;  // the portal's proofs: leaf hashes and complete subtrees kept
  std::shared_ptr<AnswerCache> answers_;  // the portal's recent search answers
};

// The public copy of a decision: the masking rules applied to the decision as made (`source`, as
// stored in publications.source), published on `published_on`.
nlohmann::json public_copy(const nlohmann::json& source, const std::string& published_on);

// The decision of a case as made (the source of its public copy), read in `tx`.
nlohmann::json case_source(db::Tx& tx, app::Env& env, std::int64_t case_id);

// The public copy and what is stored with it: its canonical text and SM3, the search terms (with
// the filter terms) and the plain text. Refused (422) if personal data is still visible.
struct PublicText {
  nlohmann::json copy;
  std::string text, sm3, terms, plain, title;
  std::string list_item;  // the fields a result list shows, as a JSON object (no id)
};
PublicText make_public(const nlohmann::json& source, const std::string& published_on);

// What the search reads of a public copy: its index terms (the text's, then kind, field, body,
// dates and "zall") and its plain text (for one-character searches).
std::pair<std::string, std::string> search_text(const nlohmann::json& copy, const std::string& kind,
                                                const std::string& field, std::int64_t org_id,
                                                const std::string& decided_on);

// Recomputes the search terms of every published decision from its public text and rebuilds the
// index (migration 0016's code step: the terms gained character triples).
void reindex_published(db::Tx& tx);

// Adds a published row to the search index (SQLite FTS5; PostgreSQL's index follows the state).
void index_published(db::Tx& tx, std::int64_t id, const std::string& terms);

// The fields a result list shows of a public copy (title, number, body, kind, field, party, dates,
// result, the first 80 characters of the facts) as a JSON object without the id.
std::string list_item_of(const nlohmann::json& copy);

// What the publisher's desk searches for a decision (number, party, facts).
std::string desk_text(const nlohmann::json& source);

}  // namespace zhifa::modules::publication
