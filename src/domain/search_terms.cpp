#include "domain/search_terms.hpp"

#include <cstdio>
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
  runs(text, [&](bool is_han_run, const std::vector<char32_t>& han, const std::string& word) {
    if (!is_han_run) {
      add("a" + word.substr(0, 40));
    } else if (han.size() == 1) {
      add("u" + hex(han[0]));
    } else {
      for (std::size_t k = 0; k + 1 < han.size(); ++k) add("c" + hex(han[k]) + hex(han[k + 1]));
    }
  });
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
    runs(word, [&](bool is_han_run, const std::vector<char32_t>& han, const std::string& w) {
      if (!is_han_run) {
        terms.push_back("a" + w.substr(0, 40));
      } else if (han.size() == 1) {
        singles = true;
      } else {
        for (std::size_t k = 0; k + 1 < han.size(); ++k) {
          terms.push_back("c" + hex(han[k]) + hex(han[k + 1]));
        }
      }
    });
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

}  // namespace zhifa::domain
