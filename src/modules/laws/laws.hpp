// The legal basis library (法律法规库): laws and regulations with their articles, loaded from
// published texts (domain/law_text.hpp) and read by everyone who cites them.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/catalogue.hpp"
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

// An article as other records cite it.
struct ArticleRef {
  std::int64_t article_id = 0, law_id = 0;
  std::string law_title, law_short, label, clause, text, law_effective_date;
  std::string citation() const { return "《" + law_title + "》" + label + clause; }
};

// The article `id` (clause as given); not_found-style 422 `field` error when it is not in the
// library.
Result<ArticleRef> article_ref(db::Tx& tx, std::int64_t article_id, const std::string& clause,
                               const std::string& field);
// A citation as written (《食品安全法》第一百二十二条第一款): the law by full or short title (with
// or without 中华人民共和国), then the article; 422 naming the citation when either is not in the
// library.
Result<ArticleRef> resolve(db::Tx& tx, const domain::CitationRef& c, const std::string& field);
nlohmann::json article_json(const ArticleRef& a, bool with_text);

struct LawInput {
  std::string title, short_title, level, issuer, version_date, effective_date, field;
};

class LawService {
 public:
  explicit LawService(app::Env& env) : env_(env) {}
  nlohmann::json list(const std::optional<std::string>& q, const std::optional<std::string>& field);
  Result<nlohmann::json> get(std::int64_t id);
  Result<nlohmann::json> create(const domain::Scope& scope, const LawInput& in);
  Result<nlohmann::json> put_article(const domain::Scope& scope, std::int64_t law_id, int number,
                                     const std::string& chapter, const std::string& text);
  nlohmann::json search_articles(const std::string& q, std::optional<std::int64_t> law_id,
                                 std::int64_t page, std::int64_t size);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::laws
