// Official documents (执法文书) and the case file (卷宗). Templates are data (domain/doc_template),
// seeded from data/document-templates.json and edited by an administrator, each save a new version.
// A document is filled from its case (and a record, for 笔录), drawn as PDF (platform/pdf), stored
// under its SM3 hash and recorded in the ledger. The case file packs the documents, records,
// evidence, timeline and ledger proofs into one zip with a signed manifest that `zhifa verify
// --package` checks offline.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "modules/evidence/evidence.hpp"

namespace zhifa::modules::documents {

// Inserts version 1 of every bundled template that has none yet.
void seed_templates(app::Env& env);

struct GenerateInput {
  std::string code;
  std::optional<std::int64_t> record_id;
  std::map<std::string, std::string> fields;  // values the officer typed (facts, opinions ...)
};

class DocumentService {
 public:
  explicit DocumentService(app::Env& env) : env_(env) {}

  nlohmann::json templates();
  Result<nlohmann::json> template_of(const std::string& code, std::optional<int> version);
  Result<nlohmann::json> save_template(const domain::Scope& scope, const std::string& code,
                                       const nlohmann::json& body);

  Result<nlohmann::json> generate(const domain::Scope& scope, std::int64_t case_id,
                                  const GenerateInput& in);
  Result<nlohmann::json> list(const domain::Scope& scope, std::int64_t case_id);
  Result<evidence::FileRef> file(const domain::Scope& scope, std::int64_t document_id);
  // The field values a document of the case would be filled with (the form shows them).
  Result<nlohmann::json> preview_fields(const domain::Scope& scope, std::int64_t case_id,
                                        const std::string& code,
                                        std::optional<std::int64_t> record_id);

  // Writes the case file to a temporary zip and answers its path (the caller removes it).
  Result<std::string> package(const domain::Scope& scope, std::int64_t case_id);

 private:
  app::Env& env_;
};

// Checks a case file offline: the manifest's signature, every file's SM3 and SHA-256, every ledger
// event's leaf hash, its inclusion proof against the signed checkpoint, and that each evidence
// file and document is the one its ledger event names. `pinned_key_pem` (optional) must be the key
// that signed. Lines of the report go to `out`; true when everything checks.
bool verify_package(const std::string& path, const std::string& pinned_key_pem, std::string& out);

}  // namespace zhifa::modules::documents
