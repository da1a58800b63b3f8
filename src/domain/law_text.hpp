// Texts of laws and regulations as published (data/laws/*.md, from ../shared/data/laws): a
// "# title", "## 第X章 ..." chapter headings ("### 第X节" sections), and one article per paragraph
// starting "第X条"; the following paragraphs up to the next article belong to it (its 款). The
// legal basis library (法律法规库) is built from these; other records cite its articles.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

struct LawArticle {
  int number = 0;       // 118 for 第一百一十八条
  std::string label;    // 第一百一十八条
  std::string chapter;  // 第七章 法律责任
  std::string text;     // the article's paragraphs joined by "\n", without the label
};

struct LawText {
  std::string title;
  std::vector<LawArticle> articles;  // in order; numbers ascend by one
};

// 一 .. 九千九百九十九 as written in article and chapter numbers (零 allowed: 一百零五).
std::optional<int> chinese_number(std::string_view s);

// The reverse, as article labels write it: 118 -> 一百一十八, 10 -> 十, 105 -> 一百零五.
std::string chinese_numeral(int n);

// Parses a law file; refuses a text without a title or articles, or whose article numbers do not
// run 1, 2, 3, ... (a sign of a damaged file).
Result<LawText> parse_law_markdown(std::string_view md);

}  // namespace zhifa::domain
