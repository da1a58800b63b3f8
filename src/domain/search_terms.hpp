// Full-text search of published decisions in Chinese, the same on SQLite (FTS5) and PostgreSQL
// (tsvector): the text is indexed as ASCII terms so both engines' plain tokenizers treat them
// alike. A run of Chinese characters becomes its overlapping character pairs (餐饮服务 → 餐饮 饮服
// 服务, each written as "c" + the two code points in hex), a lone Chinese character one term ("u" +
// hex), a run of ASCII letters and digits one lowercase term ("a" + the run). After them, each run
// of three or more characters again as its character triples ("t" + three code points), each run
// after a separator term "s". A query is the same terms as a phrase: a word of one Chinese run of
// three or more characters by its triples (a rare triple finds the few candidates without walking
// every decision that holds a common pair), others by their pairs and words, so "饮服务" finds
// 餐饮服务 and "运市监罚〔2026〕" the decisions so numbered.
// Filters are terms too (the body, field, kind and year), so one index answers a filtered search
// in the order it stores (newest first) without sorting the matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zhifa::domain {

// The terms of a text, space-separated, in text order.
std::string index_terms(std::string_view text);

// The phrases of a query: each word (the query split at spaces) is its terms in order, and a
// decision must hold every phrase. Lone Chinese characters of a longer word are left out (the
// index holds pairs); `single_only` is set when the query has nothing else (then the caller
// searches the text itself).
struct QueryTerms {
  std::vector<std::vector<std::string>> phrases;
  bool single_only = false;
};
QueryTerms query_terms(std::string_view query);

// A filter term: "k" + kind, "f" + field, "o" + body id, "y" + year (letters and digits only).
std::string filter_term(char prefix, std::string_view value);

// The date terms of a day (indexed with each decision): "y2026", "m202606", "d20260615".
std::string date_terms(std::string_view date);
// The fewest date terms whose days are exactly those from `from` to `to` (valid dates, from <=
// to): whole years, then whole months, then single days, so a range costs at most a few dozen
// terms. Empty when from > to.
std::vector<std::string> date_range_terms(std::string_view from, std::string_view to);

// When `query` is a decision number (文号: 运城市场罚〔2025〕1号, whatever brackets the searcher
// typed around the year), the ways it may be written in the register, one per kind of bracket;
// otherwise empty. Spaces around it are ignored.
std::vector<std::string> decision_number_forms(std::string_view query);

}  // namespace zhifa::domain
