#include "domain/search_terms.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "domain/dates.hpp"
#include "domain/utf8.hpp"

namespace zhifa::domain {
namespace {

using utf8::decode;
using utf8::is_han;

std::string hex(char32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%05x", static_cast<unsigned>(cp));
  return buf;
}

// Full-width letters and digits read as ASCII.
char32_t fold(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + '0';
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + 'a';
  if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + 'a';
  if (cp >= 'A' && cp <= 'Z') return cp - 'A' + 'a';
  return cp;
}

bool is_word(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'); }

// The runs of a text: Chinese runs and ASCII word runs, in order.
template <typename Emit>
void runs(std::string_view s, Emit emit) {
  std::vector<char32_t> han;
  std::string word;
  auto flush = [&] {
    if (!han.empty()) emit(true, han, word);
    if (!word.empty()) emit(false, han, word);
    han.clear();
    word.clear();
  };
  for (std::size_t i = 0; i < s.size();) {
    auto [raw, len] = decode(s, i);
    i += len;
    char32_t cp = fold(raw);
    if (is_han(cp)) {
      if (!word.empty()) flush();
      han.push_back(cp);
    } else if (is_word(cp)) {
      if (!han.empty()) flush();
      word += static_cast<char>(cp);
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

std::string index_terms(std::string_view text) {
  std::string out;
  auto add = [&](const std::string& t) {
    if (!out.empty()) out += ' ';
    out += t;
  };
  std::vector<std::vector<char32_t>> long_runs;
  runs(text, [&](bool is_han_run, const std::vector<char32_t>& han, const std::string& word) {
    if (!is_han_run) {
      add("a" + word.substr(0, 40));
    } else if (han.size() == 1) {
      add("u" + hex(han[0]));
    } else {
      for (std::size_t k = 0; k + 1 < han.size(); ++k) add("c" + hex(han[k]) + hex(han[k + 1]));
      if (han.size() >= 3) long_runs.push_back(han);
    }
  });
  // After the text: the triples of each run of three or more characters, each run's after a
  // separator "s" (no query has it), so a phrase of triples never runs from one run into the next.
  for (const auto& han : long_runs) {
    add("s");
    for (std::size_t k = 0; k + 2 < han.size(); ++k) {
      add("t" + hex(han[k]) + hex(han[k + 1]) + hex(han[k + 2]));
    }
  }
  return out;
}

QueryTerms query_terms(std::string_view query) {
  QueryTerms q;
  bool singles = false;
  // Words: split at ASCII spaces, tabs and the ideographic space (U+3000).
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size();) {
    std::size_t len = 1;
    bool space = i == query.size() || query[i] == ' ' || query[i] == '\t';
    if (!space && query.substr(i, 3) == "\xE3\x80\x80") {
      space = true;
      len = 3;
    }
    if (space) {
      if (i > start) words.push_back(query.substr(start, i - start));
      start = i + len;
    }
    i += len;
  }
  for (auto word : words) {
    std::vector<std::string> terms;
    std::vector<std::vector<std::string>> triples;  // of each run of three or more characters
    int run_count = 0;
    runs(word, [&](bool is_han_run, const std::vector<char32_t>& han, const std::string& w) {
      ++run_count;
      if (!is_han_run) {
        terms.push_back("a" + w.substr(0, 40));
      } else if (han.size() == 1) {
        singles = true;
      } else {
        for (std::size_t k = 0; k + 1 < han.size(); ++k) {
          terms.push_back("c" + hex(han[k]) + hex(han[k + 1]));
        }
        if (han.size() >= 3) {
          std::vector<std::string> t;
          for (std::size_t k = 0; k + 2 < han.size(); ++k) {
            t.push_back("t" + hex(han[k]) + hex(han[k + 1]) + hex(han[k + 2]));
          }
          triples.push_back(std::move(t));
        }
      }
    });
    // A word that is one run of three or more characters is its triples (exactly the decisions
    // holding it in one run); a word of several runs keeps its phrase of pairs and words (their
    // order across the runs) and adds the triples of its long runs, which find the few candidates
    // fast.
    if (run_count == 1 && triples.size() == 1) {
      q.phrases.push_back(std::move(triples[0]));
      continue;
    }
    for (auto& t : triples) q.phrases.push_back(std::move(t));
    if (!terms.empty()) q.phrases.push_back(std::move(terms));
  }
  q.single_only = q.phrases.empty() && singles;
  return q;
}

std::string filter_term(char prefix, std::string_view value) {
  std::string t(1, prefix);
  for (char c : value) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) t += c;
    if (c >= 'A' && c <= 'Z') t += static_cast<char>(c - 'A' + 'a');
  }
  return t;
}

std::string date_terms(std::string_view date) {
  std::string d = filter_term('d', date);  // d20260615
  return "y" + d.substr(1, 4) + " m" + d.substr(1, 6) + " " + d;
}

std::vector<std::string> date_range_terms(std::string_view from, std::string_view to) {
  std::vector<std::string> out;
  std::string cur(from);
  auto month_end = [](const std::string& d) {
    // The day before the first of the next month.
    int y = year_of(d), m = std::stoi(d.substr(5, 2));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
    return add_days(buf, -1);
  };
  while (cur <= to) {
    int y = year_of(cur);
    std::string year_end = std::to_string(y) + "-12-31";
    if (cur.substr(5) == "01-01" && year_end <= to) {
      out.push_back("y" + std::to_string(y));
      cur = add_days(year_end, 1);
    } else if (cur.substr(8) == "01" && month_end(cur) <= to) {
      out.push_back(filter_term('m', cur.substr(0, 7)));
      cur = add_days(month_end(cur), 1);
    } else {
      out.push_back(filter_term('d', cur));
      cur = add_days(cur, 1);
    }
  }
  return out;
}

namespace {

// The bracket pairs a decision number's year is written in.
constexpr std::pair<std::string_view, std::string_view> kYearBrackets[] = {
    {"\u3014", "\u3015"}, {"[", "]"},           {"(", ")"},          {"\uFF08", "\uFF09"},
    {"\u3010", "\u3011"}, {"\uFF3B", "\uFF3D"}, {"\uFE5D", "\uFE5E"}};

std::string_view trim_spaces(std::string_view s) {
  auto space_at = [&](std::size_t i) -> std::size_t {
    if (i < s.size() && (s[i] == ' ' || s[i] == '\t')) return 1;
    if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  while (std::size_t n = space_at(0)) s.remove_prefix(n);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> decision_number_forms(std::string_view query) {
  // Full-width digits (０-９: EF BC 90-99) read as ASCII digits.
  std::string ascii;
  for (std::size_t i = 0; i < query.size(); ++i) {
    auto b1 = i + 2 < query.size() ? static_cast<unsigned char>(query[i + 1]) : 0;
    auto b2 = i + 2 < query.size() ? static_cast<unsigned char>(query[i + 2]) : 0;
    if (static_cast<unsigned char>(query[i]) == 0xEF && b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {
      ascii += static_cast<char>('0' + (b2 - 0x90));
      i += 2;
    } else {
      ascii += query[i];
    }
  }
  std::string_view q = trim_spaces(ascii);
  constexpr std::string_view kHao = "\u53F7";  // 号
  if (q.size() > 200 || !q.ends_with(kHao)) return {};
  for (const auto& [open, close] : kYearBrackets) {
    std::size_t at = q.find(open);
    if (at == 0 || at == std::string_view::npos) continue;
    std::string_view prefix = q.substr(0, at);
    if (prefix.find(' ') != std::string_view::npos || prefix.find('\t') != std::string_view::npos) {
      return {};
    }
    std::string_view rest = q.substr(at + open.size());
    std::string_view year = rest.substr(0, 4);
    rest.remove_prefix(year.size());
    if (year.size() != 4 || !all_digits(year) || !rest.starts_with(close)) return {};
    rest.remove_prefix(close.size());
    std::string_view number = rest.substr(0, rest.size() - kHao.size());
    if (!all_digits(number) || number.size() > 9) return {};
    std::vector<std::string> forms;
    for (const auto& [o, c] : kYearBrackets) {
      forms.push_back(std::string(prefix) + std::string(o) + std::string(year) + std::string(c) +
                      std::string(number) + std::string(kHao));
    }
    return forms;
  }
  return {};
}

}  // namespace zhifa::domain
