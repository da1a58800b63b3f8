#include "domain/masking.hpp"

#include "domain/utf8.hpp"

#include <algorithm>
#include <array>

namespace zhifa::domain {
namespace {

std::size_t char_len(std::string_view s, std::size_t i) { return utf8::decode(s, i).len; }
char32_t code_at(std::string_view s, std::size_t i) { return utf8::decode(s, i).cp; }
using utf8::is_han;
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Where a clause ends: Chinese and ASCII punctuation, brackets and line breaks.
bool is_delimiter(std::string_view s, std::size_t i) {
  static const std::array<std::string_view, 16> kMarks = {
      "，", "。", "；", ";", ",", "、", "\n", "(", ")", "（", "）", "！", "？", ".", "!", "?"};
  for (auto m : kMarks) {
    if (s.substr(i, m.size()) == m) return true;
  }
  return false;
}

std::size_t clause_end(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size() && !is_delimiter(s, i)) i += char_len(s, i);
  return i;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// Skips a colon (either width) after a label; returns the new position and whether one was there.
std::size_t skip_colon(std::string_view s, std::size_t i, bool& had) {
  had = false;
  for (std::string_view c : {std::string_view(":"), std::string_view("：")}) {
    if (s.substr(i, c.size()) == c) {
      had = true;
      return i + c.size();
    }
  }
  return i;
}

const std::array<std::string_view, 12> kPersonLabels = {"法定代表人", "负责人", "经营者", "证人",
                                                        "投诉人",     "举报人", "联系人", "户主",
                                                        "监护人",     "姓名",   "受害人", "代理人"};

// The common Chinese surnames: a person label followed by one of these and a character or two
// is read as a name even inside a sentence (投诉人王小明称…).
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋"
    "商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝畅荆";

// Characters that end a name inside a sentence: a verb or particle that follows the person.
constexpr std::string_view kAfterName =
    "称在于到向对将已未系为等的说表签陈提确现经因与和及拒不也均先同并承认指反介来去曾自又亦要请诉讲"
    "告知答回作拿交持携驾开骑带把被让叫找给";

bool among(std::string_view set, std::string_view ch) {
  return set.find(ch) != std::string_view::npos;
}

// Names after a person label: 法定代表人:张三 / 法定代表人张三, / 证人李四海在场.
std::string mask_labelled_names(std::string s) {
  for (auto label : kPersonLabels) {
    for (std::size_t p = s.find(label); p != std::string::npos; p = s.find(label, p + 1)) {
      bool colon = false;
      std::size_t start = skip_colon(s, p + label.size(), colon);
      // The run of Chinese characters after the label (up to six), character by character.
      std::vector<std::string> chars;
      for (std::size_t i = start; i < s.size() && is_han(code_at(s, i)) && chars.size() < 6;) {
        chars.push_back(s.substr(i, char_len(s, i)));
        i += chars.back().size();
      }
      std::size_t n = chars.size();
      std::size_t take = 0;
      if (n >= 2 && n <= 4 && (colon || n <= 3)) {
        take = n;  // the whole run up to a delimiter or another script
      }
      if (take == 0 && n >= 3 && among(kSurnames, chars[0])) {
        // Inside a sentence: the name ends where a verb or particle begins.
        if (n >= 4 && among(kAfterName, chars[3]) && !among(kAfterName, chars[2])) {
          take = 3;
        } else if (among(kAfterName, chars[2])) {
          take = 2;
        }
      }
      if (take == 0) continue;
      std::string name;
      for (std::size_t k = 0; k < take; ++k) name += chars[k];
      s.replace(start, name.size(), mask_name(name));
    }
  }
  return s;
}

// Replaces the clause after each label by `keep(clause)`.
template <typename Keep>
// `introduced`: the label counts only when a colon or 为/在/于/是/位于 follows it (a word such as
// 经营场所 is also part of ordinary sentences).
std::string mask_after(std::string s, const std::vector<std::string_view>& labels, Keep keep,
                       bool introduced = false) {
  for (auto label : labels) {
    for (std::size_t p = s.find(label); p != std::string::npos; p = s.find(label, p + 1)) {
      bool colon = false;
      std::size_t start = skip_colon(s, p + label.size(), colon);
      bool linked = colon;
      for (std::string_view w : {"位于", "为", "在", "于", "是"}) {
        if (!colon && !linked && std::string_view(s).substr(start, w.size()) == w) {
          start += w.size();
          linked = true;
        }
      }
      if (introduced && !linked) continue;
      std::size_t end = clause_end(s, start);
      if (end == start) continue;
      std::string clause = s.substr(start, end - start);
      std::string masked = keep(clause);
      if (masked == clause) continue;
      s.replace(start, clause.size(), masked);
      p = start + masked.size() - 1;
    }
  }
  return s;
}

// An address keeps its county or district (the first 县/区/旗, else the first 市).
std::string mask_address(const std::string& a) {
  if (a.find("***") != std::string::npos) return a;
  std::size_t cut = std::string::npos;
  for (std::string_view k : {"县", "区", "旗"}) {
    auto p = a.find(k);
    if (p != std::string::npos && (cut == std::string::npos || p < cut)) cut = p + k.size();
  }
  if (cut == std::string::npos) {
    auto p = a.find("市");
    if (p != std::string::npos) cut = p + std::string_view("市").size();
  }
  if (cut == std::string::npos || cut >= a.size()) return cut == a.size() ? a : "***";
  return a.substr(0, cut) + "***";
}

std::string stars(std::size_t n) { return std::string(n, '*'); }

// Digit runs: ID numbers, mobiles, landlines and bank accounts.
std::string mask_numbers(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_alnum(s[i])) {
      out += s[i++];
      continue;
    }
    // A run of letters and digits; groups of digits joined by one space or hyphen.
    std::size_t start = i;
    std::vector<std::string> groups;
    std::string digits;
    bool letters = false;
    std::size_t end = i;
    while (true) {
      std::size_t j = end;
      while (j < s.size() && is_alnum(s[j])) ++j;
      std::string_view run = s.substr(end, j - end);
      bool all_digits = std::all_of(run.begin(), run.end(), is_digit);
      bool id_tail = run.size() == 18 && std::all_of(run.begin(), run.end() - 1, is_digit) &&
                     (run.back() == 'X' || run.back() == 'x');
      if (!all_digits && !id_tail) {
        if (groups.empty()) letters = true;
        if (groups.empty()) end = j;
        break;
      }
      groups.emplace_back(run);
      digits += run;
      end = j;
      if (j + 1 < s.size() && (s[j] == ' ' || s[j] == '-') && is_digit(s[j + 1]) &&
          run.size() >= 3) {
        end = j + 1;
        continue;
      }
      break;
    }
    if (end > start && (letters || groups.empty())) {
      out.append(s.substr(start, end - start));
      i = end;
      continue;
    }
    // A trailing separator taken in anticipation of a group that did not come.
    std::string_view original = s.substr(start, end - start);
    if (!original.empty() && (original.back() == ' ' || original.back() == '-')) {
      original.remove_suffix(1);
      end -= 1;
    }
    std::size_t d = digits.size();
    std::string masked;
    if (groups.size() == 2 && groups[0].size() >= 3 && groups[0].size() <= 4 &&
        groups[0][0] == '0' && groups[1].size() >= 7 && groups[1].size() <= 8) {
      masked =
          groups[0] + "-" + stars(groups[1].size() - 3) + groups[1].substr(groups[1].size() - 3);
    } else if (d == 18 || d == 15) {
      masked = digits.substr(0, 6) + stars(d - 10) + digits.substr(d - 4);
    } else if (d == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
      masked = digits.substr(0, 3) + "****" + digits.substr(7);
    } else if (d >= 12) {
      masked = stars(d - 4) + digits.substr(d - 4);
    } else if (groups.size() == 1 && (d == 7 || d == 8) && start > 0 &&
               (s[start - 1] == ')' || s.substr(0, start).ends_with("\uff09"))) {
      // A landline after its area code in brackets: (0359)2345678.
      masked = stars(d - 3) + digits.substr(d - 3);
    } else if (groups.size() > 1) {
      // Not personal data: keep the groups, but look at each one on its own.
      masked = std::string(original);
      bool changed = false;
      std::string each;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        std::string m = mask_numbers(groups[g]);
        if (m != groups[g]) changed = true;
        each += m;
        if (g + 1 < groups.size()) each += original[each.size()];
      }
      if (changed) masked = each;
    } else {
      masked = digits;
    }
    out += masked;
    i = end;
  }
  return out;
}

}  // namespace

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  static const std::array<std::string_view, 12> kCompound = {"欧阳", "司马", "上官", "诸葛",
                                                             "东方", "皇甫", "尉迟", "公孙",
                                                             "慕容", "长孙", "令狐", "端木"};
  std::size_t cut = char_len(name, 0);
  for (auto c : kCompound) {
    if (name.starts_with(c) && name.size() > c.size()) cut = c.size();
  }
  return std::string(name.substr(0, cut)) + "某";
}

std::string mask_text(std::string_view text, const MaskOptions& options) {
  std::string s(text);
  std::vector<std::string> names;
  for (const auto& n : options.names) {
    // A name of one character would mask that character everywhere.
    if (!n.empty() && char_len(n, 0) < n.size()) names.push_back(n);
  }
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& n : names) replace_all(s, n, mask_name(n));
  s = mask_labelled_names(std::move(s));
  s = mask_after(std::move(s), {"家庭住址", "住址", "家住", "户籍地", "居住地", "现住"},
                 mask_address);
  if (options.person_party) {
    s = mask_after(std::move(s), {"地址", "住所", "经营场所"}, mask_address, true);
  }
  s = mask_after(std::move(s), {"患有", "诊断为", "病史", "病情", "身体状况"},
                 [](const std::string& c) { return c == "***" ? c : std::string("***"); });
  return mask_numbers(s);
}

std::vector<std::string> personal_data_in(std::string_view s) {
  std::vector<std::string> found;
  auto add = [&](const char* k) {
    if (std::find(found.begin(), found.end(), k) == found.end()) found.emplace_back(k);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_alnum(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_alnum(s[j])) ++j;
    std::string_view run = s.substr(i, j - i);
    std::size_t digits = static_cast<std::size_t>(std::count_if(run.begin(), run.end(), is_digit));
    bool id = run.size() == 18 && digits >= 17 && is_digit(run[0]) &&
              std::all_of(run.begin(), run.end() - 1, is_digit) &&
              (is_digit(run.back()) || run.back() == 'X' || run.back() == 'x');
    if (id || (run.size() == 15 && digits == 15)) {
      add("id_number");
    } else if (digits == run.size() && run.size() == 11 && run[0] == '1' && run[1] >= '3') {
      add("mobile");
    } else if (digits == run.size() && run.size() >= 12) {
      add("bank_account");
    }
    i = j;
  }
  return found;
}

}  // namespace zhifa::domain
