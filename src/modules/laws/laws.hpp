// The legal basis library (法律法规库): laws and regulations with their articles, loaded from
// published texts (domain/law_text.hpp) and read by everyone who cites them.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/law_text.hpp"

namespace zhifa::modules::laws {

struct LawMeta {
  std::string short_title, version_date, field;
};

// Stores a parsed law inside the caller's transaction (the demo loader and, later, imports);
// a law with the same title and version is refused.
Result<std::int64_t> store(db::Tx& tx, const domain::LawText& law, const LawMeta& meta,
                           std::int64_t now, std::optional<std::int64_t> by);

// Every law of data/laws/index.json (compiled into the binary); returns how many were stored.
Result<int> load_embedded(db::Tx& tx, std::int64_t now);

class LawService {
 public:
  explicit LawService(app::Env& env) : env_(env) {}
  nlohmann::json list(const std::optional<std::string>& q, const std::optional<std::string>& field);
  Result<nlohmann::json> get(std::int64_t id);
  nlohmann::json search_articles(const std::string& q, std::optional<std::int64_t> law_id,
                                 std::int64_t page, std::int64_t size);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::laws
