#include "domain/law_text.hpp"

#include <array>

namespace zhifa::domain {
namespace {

// Decodes one UTF-8 CJK numeral character at s[i] (3 bytes); returns its value: 0-9 digits,
// 10/100/1000 units, -1 otherwise.
int numeral_at(std::string_view s, std::size_t i) {
  static const std::array<std::pair<std::string_view, int>, 14> k = {{{"零", 0},
                                                                      {"〇", 0},
                                                                      {"一", 1},
                                                                      {"二", 2},
                                                                      {"三", 3},
                                                                      {"四", 4},
                                                                      {"五", 5},
                                                                      {"六", 6},
                                                                      {"七", 7},
                                                                      {"八", 8},
                                                                      {"九", 9},
                                                                      {"十", 10},
                                                                      {"百", 100},
                                                                      {"千", 1000}}};
  if (i + 3 > s.size()) return -1;
  std::string_view ch = s.substr(i, 3);
  for (const auto& [t, v] : k) {
    if (ch == t) return v;
  }
  return -1;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // Full-width spaces.
  while (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3);
  while (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3);
  return s;
}

// "第...条" at the start of a paragraph: the numeral part's byte length, or 0.
std::size_t article_head(std::string_view line, int& number) {
  if (!line.starts_with("第")) return 0;
  std::size_t i = 3;
  while (numeral_at(line, i) >= 0) i += 3;
  if (i == 3 || line.substr(i, 3) != "条") return 0;
  auto n = chinese_number(line.substr(3, i - 3));
  if (!n) return 0;
  number = *n;
  return i + 3;
}

}  // namespace

std::optional<int> chinese_number(std::string_view s) {
  if (s.empty() || s.size() % 3 != 0) return std::nullopt;
  int total = 0, digit = -1;
  bool any = false;
  for (std::size_t i = 0; i < s.size(); i += 3) {
    int v = numeral_at(s, i);
    if (v < 0) return std::nullopt;
    any = true;
    if (v >= 10) {
      total += (digit < 0 ? 1 : digit) * v;  // 十 alone is 10
      digit = -1;
    } else {
      digit = v;
    }
  }
  if (digit > 0) total += digit;
  if (!any || total <= 0 || total > 9999) return std::nullopt;
  return total;
}

std::string chinese_numeral(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n > 9999) return "";
  std::string out;
  int th = n / 1000, h = n / 100 % 10, t = n / 10 % 10, u = n % 10;
  bool zero = false;
  if (th) out += std::string(digits[th]) + "千";
  if (h) {
    out += std::string(digits[h]) + "百";
  } else if (th && (t || u)) {
    zero = true;
  }
  if (t) {
    if (zero) out += "零";
    zero = false;
    // 十 alone below twenty (十, 十五); 一十 after a higher unit (一百一十八).
    if (!(t == 1 && n < 20)) out += digits[t];
    out += "十";
  } else if ((th || h) && u) {
    zero = true;
  }
  if (u) {
    if (zero) out += "零";
    out += digits[u];
  }
  return out;
}

Result<LawText> parse_law_markdown(std::string_view md) {
  LawText law;
  // The header block (adoption and amendment history) ends at "<!-- INFO END -->".
  std::size_t body_start = 0;
  if (auto p = md.find("<!-- INFO END -->"); p != std::string_view::npos) body_start = p;
  std::string chapter;
  LawArticle* current = nullptr;
  std::size_t pos = 0;
  while (pos < md.size()) {
    std::size_t end = md.find('\n', pos);
    if (end == std::string_view::npos) end = md.size();
    std::string_view line = trim(md.substr(pos, end - pos));
    bool in_body = pos >= body_start;
    pos = end + 1;
    if (line.empty()) continue;
    if (line.starts_with("# ")) {
      if (law.title.empty()) law.title = std::string(trim(line.substr(2)));
      continue;
    }
    if (!in_body || line.starts_with("<!--")) continue;
    if (line.starts_with("## ")) {
      chapter = std::string(trim(line.substr(3)));
      current = nullptr;
      continue;
    }
    if (line.starts_with("#")) continue;  // sections (### 第X节) stay inside their chapter
    int number = 0;
    std::size_t head = article_head(line, number);
    if (head > 0) {
      LawArticle a;
      a.number = number;
      a.label = std::string(line.substr(0, head));
      a.chapter = chapter;
      a.text = std::string(trim(line.substr(head)));
      law.articles.push_back(std::move(a));
      current = &law.articles.back();
      continue;
    }
    if (current) current->text += "\n" + std::string(line);
  }
  if (law.title.empty()) {
    return Error::invalid("law.text", "法律文本缺少标题(# 标题)", "the text has no title", "text");
  }
  if (law.articles.empty()) {
    return Error::invalid("law.text", "法律文本中没有“第X条”", "the text has no articles", "text");
  }
  for (std::size_t i = 0; i < law.articles.size(); ++i) {
    if (law.articles[i].number != static_cast<int>(i) + 1) {
      return Error::invalid(
          "law.text",
          "条文编号不连续:第 " + std::to_string(i + 1) + " 条处为“" + law.articles[i].label + "”",
          "article numbers do not run 1, 2, 3, ...", "text");
    }
  }
  return law;
}

}  // namespace zhifa::domain
