#include "domain/publication.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/masking.hpp"
#include "domain/search_terms.hpp"
#include "modules/common/calendar.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

const WorkdayCalendar& official() { return modules::official_calendar(); }

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// ---- masking ----------------------------------------------------------------------------------

TEST(Masking, NamesKeepTheSurnameOnly) {
  EXPECT_EQ(mask_name("张三"), "张某");
  EXPECT_EQ(mask_name("王秋菊"), "王某");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧阳某");
  EXPECT_EQ(mask_name(""), "");
}

TEST(Masking, EveryKnownNameIsMaskedWhereverItAppears) {
  MaskOptions o{{"李四", "王秋菊"}, true};
  std::string out = mask_text("当事人李四于现场,证人王秋菊在场,李四拒绝签字", o);
  EXPECT_EQ(out, "当事人李某于现场,证人王某在场,李某拒绝签字");
  // A one-character "name" would mask that character everywhere: ignored.
  EXPECT_EQ(mask_text("王府井大街", MaskOptions{{"王"}, true}), "王府井大街");
}

TEST(Masking, IdNumbersPhonesAndBankAccountsAreCutDown) {
  MaskOptions o;
  std::string out = mask_text(
      "身份证号140802199001011234,身份证14080219900101123X,旧证140802900101123,手机13912345678,"
      "电话0359-2345678,账号6222 0212 3456 7890 123,卡号6222021234567890,"
      "联系电话(0359)2345678,(0359)7654321",
      o);
  EXPECT_FALSE(contains(out, "140802199001011234"));
  EXPECT_TRUE(contains(out, "140802********1234"));
  EXPECT_TRUE(contains(out, "140802********123X"));
  EXPECT_TRUE(contains(out, "140802*****1123"));
  EXPECT_TRUE(contains(out, "139****5678"));
  EXPECT_TRUE(contains(out, "0359-****678"));
  EXPECT_FALSE(contains(out, "2345678,")) << out;
  EXPECT_TRUE(contains(out, "(0359)****321"));
  EXPECT_TRUE(contains(out, "***************0123"));
  EXPECT_TRUE(contains(out, "************7890"));
  EXPECT_TRUE(personal_data_in(out).empty()) << out;
}

TEST(Masking, NumbersThatAreNotPersonalDataStay) {
  MaskOptions o;
  std::string text =
      "统一社会信用代码91140802MA0K12345X,罚款人民币5,000.00元,于2026-03-05检查,"
      "运市监罚〔2026〕12号,"
      "货值3000元";
  EXPECT_EQ(mask_text(text, o), text);
}

TEST(Masking, AddressesKeepTheCountyAndHealthDataGoes) {
  MaskOptions person{{}, true};
  std::string out =
      mask_text("当事人住址:山西省运城市盐湖区解放路12号3单元,患有高血压,拒不改正", person);
  EXPECT_TRUE(contains(out, "住址:山西省运城市盐湖区***")) << out;
  EXPECT_FALSE(contains(out, "解放路"));
  EXPECT_FALSE(contains(out, "高血压"));
  EXPECT_TRUE(contains(out, "拒不改正"));
  // An organisation's premises are public; a person's home address never is.
  MaskOptions org{{}, false};
  EXPECT_TRUE(contains(mask_text("经营场所:盐湖区解放路12号", org), "解放路12号"));
  EXPECT_FALSE(contains(mask_text("经营场所:盐湖区解放路12号", person), "解放路12号"));
  EXPECT_FALSE(contains(mask_text("法定代表人家住永济市城北街道舜都大道8号", org), "舜都大道"));
  // 经营场所 in an ordinary sentence is no address label.
  std::string sentence = "当事人王某涉嫌生产经营场所未设有符合紧急疏散需要的出口";
  EXPECT_EQ(mask_text(sentence, person), sentence);
}

TEST(Masking, NamesAfterAPersonLabelAreMasked) {
  MaskOptions org{{}, false};
  EXPECT_EQ(mask_text("法定代表人:赵铁根,", org), "法定代表人:赵某,");
  EXPECT_EQ(mask_text("投诉人孙秋,", org), "投诉人孙某,");
  // Inside a sentence: the name ends where a verb begins.
  EXPECT_EQ(mask_text("投诉人王小明称其购买的食品过期", org), "投诉人王某称其购买的食品过期");
  EXPECT_EQ(mask_text("证人李四海在场并签字确认。", org), "证人李某在场并签字确认。");
  EXPECT_EQ(mask_text("举报人张三反映该店无证经营", org), "举报人张某反映该店无证经营");
  // Not a name: no surname, or no word that ends one.
  EXPECT_EQ(mask_text("负责人未按规定公示证照信息", org), "负责人未按规定公示证照信息");
  EXPECT_EQ(mask_text("经营者应当建立进货查验记录制度", org), "经营者应当建立进货查验记录制度");
}

TEST(Masking, FindsPersonalDataLeftInAText) {
  EXPECT_EQ(personal_data_in("证号140802199001011234"), std::vector<std::string>{"id_number"});
  EXPECT_EQ(personal_data_in("电话13812345678"), std::vector<std::string>{"mobile"});
  EXPECT_EQ(personal_data_in("账号622202123456789012"),
            std::vector<std::string>{"id_number"});  // 18 digits read as an ID number
  EXPECT_EQ(personal_data_in("账号6222021234567"), std::vector<std::string>{"bank_account"});
  EXPECT_TRUE(personal_data_in("罚款5000元,2026年第12号,138****5678").empty());
}

// ---- search terms ---------------------------------------------------------------------------

TEST(SearchTerms, ChineseIsIndexedAsCharacterPairsThenTriples) {
  std::string t = index_terms("餐饮服务");
  // 餐 U+9910, 饮 U+996E, 服 U+670D, 务 U+52A1.
  EXPECT_EQ(t, "c099100996e c0996e0670d c0670d052a1 s t099100996e0670d t0996e0670d052a1");
  // Two characters: the pair.
  auto two = query_terms("饮服");
  ASSERT_EQ(two.phrases.size(), 1u);
  EXPECT_EQ(two.phrases[0], std::vector<std::string>{"c0996e0670d"});
  // Three or more: the triples, a phrase of the index.
  auto q = query_terms("餐饮服务");
  ASSERT_EQ(q.phrases.size(), 1u);
  ASSERT_EQ(q.phrases[0].size(), 2u);
  EXPECT_TRUE(contains(t, q.phrases[0][0] + " " + q.phrases[0][1]));
  EXPECT_FALSE(q.single_only);
  EXPECT_EQ(query_terms("饮服务").phrases,
            (std::vector<std::vector<std::string>>{{"t0996e0670d052a1"}}));
  // Each run's triples follow a separator: the end of one run and the start of the next are no
  // phrase (服务 and 餐饮 are pairs of both runs, 务餐 is not a triple of either).
  std::string apart = index_terms("餐饮服务,务餐饮");
  EXPECT_TRUE(contains(apart, "s t099100996e0670d t0996e0670d052a1 s t052a1099100996e"));
  // A word of several runs keeps its phrase of pairs and words (their order) and adds the triples.
  auto mixed = query_terms("运城市场罚〔2025〕");
  ASSERT_EQ(mixed.phrases.size(), 2u);
  EXPECT_EQ(mixed.phrases[0].size(), 3u);  // 运城市 城市场 市场罚
  EXPECT_EQ(mixed.phrases[1].back(), "a2025");
}

TEST(SearchTerms, DecisionNumbersLettersAndFullWidthDigits) {
  std::string t = index_terms("运市监罚〔2026〕12号 ABC");
  EXPECT_TRUE(contains(t, "a2026 a12 u053f7 aabc"));
  using Phrases = std::vector<std::vector<std::string>>;
  EXPECT_EQ(query_terms("2026").phrases, Phrases{{"a2026"}});
  EXPECT_EQ(query_terms("２０２６").phrases, Phrases{{"a2026"}});
  // Words apart are phrases apart: both must be there, anywhere.
  EXPECT_EQ(query_terms("运城  罚款").phrases.size(), 2u);
  EXPECT_EQ(query_terms("运城\u3000罚款").phrases.size(), 2u);
}

TEST(SearchTerms, DecisionNumbersAreRecognisedInAnyBrackets) {
  auto forms = decision_number_forms("运城市场罚〔2025〕1号");
  ASSERT_EQ(forms.size(), 7u);
  EXPECT_EQ(forms[0], "运城市场罚〔2025〕1号");
  // Typed with square, round, full-width or black-lentil brackets, full-width digits, spaces
  // around: the same spellings to look up.
  for (const char* typed :
       {"运城市场罚[2025]1号", " 运城市场罚(2025)1号\u3000", "运城市场罚（2025）1号",
        "运城市场罚【2025】1号", "运城市场罚〔２０２５〕１号"}) {
    EXPECT_EQ(decision_number_forms(typed), forms) << typed;
  }
  EXPECT_NE(std::find(forms.begin(), forms.end(), "运城市场罚[2025]1号"), forms.end());
  EXPECT_EQ(decision_number_forms("河津农业罚〔2025〕14号")[0], "河津农业罚〔2025〕14号");
  // Not a number: a word, part of a number, a year of three digits, no 号, no prefix, or words
  // with spaces before the bracket.
  for (const char* other : {"食品", "〔2025〕1号", "运城市场罚〔2025〕", "运城市场罚〔202〕1号",
                            "运城市场罚〔2025〕1", "运城 市场罚〔2025〕1号", "运城市场罚〔2025〕号",
                            "运城市场罚〔2025〕1a号", "运城市场罚〔2025〕1号 食品", ""}) {
    EXPECT_TRUE(decision_number_forms(other).empty()) << other;
  }
}

TEST(SearchTerms, LoneCharactersAndPunctuation) {
  auto one = query_terms("罚");
  EXPECT_TRUE(one.phrases.empty());
  EXPECT_TRUE(one.single_only);
  // Metacharacters of SQL and regular expressions are no terms at all.
  auto meta = query_terms("%' OR 1=1 -- .*[(\"");
  EXPECT_EQ(meta.phrases, (std::vector<std::vector<std::string>>{{"aor"}, {"a1", "a1"}}));
  EXPECT_TRUE(query_terms("%%%").phrases.empty());
  EXPECT_FALSE(query_terms("%%%").single_only);
  EXPECT_EQ(filter_term('f', "Market_Supervision"), "fmarketsupervision");
}

TEST(SearchTerms, DateRangesAsFewTerms) {
  EXPECT_EQ(date_terms("2026-06-15"), "y2026 m202606 d20260615");
  EXPECT_EQ(date_range_terms("2026-06-15", "2026-06-15"), std::vector<std::string>{"d20260615"});
  // 29 and 30 June, July to September whole, then 1 October.
  EXPECT_EQ(date_range_terms("2026-06-29", "2026-10-01"),
            (std::vector<std::string>{"d20260629", "d20260630", "m202607", "m202608", "m202609",
                                      "d20261001"}));
  EXPECT_EQ(date_range_terms("2024-01-01", "2026-02-28"),
            (std::vector<std::string>{"y2024", "y2025", "m202601", "m202602"}));
  EXPECT_EQ(date_range_terms("2024-02-01", "2024-02-29"), std::vector<std::string>{"m202402"});
  EXPECT_TRUE(date_range_terms("2026-02-01", "2026-01-31").empty());
  // A decision's own terms meet the terms of a range exactly when the range holds its day.
  auto meets = [](const std::string& day, const std::string& from, const std::string& to) {
    std::string own = " " + date_terms(day) + " ";
    for (const auto& t : date_range_terms(from, to)) {
      if (own.find(" " + t + " ") != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(meets("2025-12-31", "2025-12-20", "2026-01-05"));
  EXPECT_TRUE(meets("2026-01-05", "2025-12-20", "2026-01-05"));
  EXPECT_FALSE(meets("2026-01-06", "2025-12-20", "2026-01-05"));
  EXPECT_TRUE(meets("2025-07-15", "2024-03-02", "2026-01-05"));
  EXPECT_FALSE(meets("2024-03-01", "2024-03-02", "2026-01-05"));
  EXPECT_LE(date_range_terms("2000-01-01", "2026-12-31").size(), 27u);
}

// ---- rules --------------------------------------------------------------------------------

TEST(PublicationRules, DeadlinesCountWorkingDaysOnTheOfficialCalendar) {
  const auto& cal = official();
  PublicationSettings s;
  // Friday 26 September 2025: Sunday 28 September and Saturday 11 October are working days,
  // 1–8 October the National Day holiday.
  EXPECT_EQ(*publication_due(cal, s, "penalty", "2025-09-26"), "2025-10-13");
  EXPECT_EQ(*publication_due(cal, s, "licence", "2025-09-26"), "2025-10-13");
  EXPECT_EQ(*publication_due(cal, s, "other", "2025-11-03"), "2025-12-01");
  // 9, 10 and (a working Saturday) 11 October.
  EXPECT_EQ(*withdrawal_due(cal, s, "2025-09-30"), "2025-10-11");
  // A date outside the calendar is refused, not guessed.
  EXPECT_FALSE(publication_due(cal, s, "penalty", "2031-01-02").ok());
}

TEST(PublicationRules, RetentionIsShorterForNaturalPersons) {
  PublicationSettings s;
  EXPECT_EQ(retention_end(s, "2026-03-01", false), "2031-03-01");
  EXPECT_EQ(retention_end(s, "2024-02-29", true), "2026-02-28");
}

TEST(PublicationRules, FlaggedCasesAreNeverPublished) {
  EXPECT_TRUE(check_publishable("").allowed);
  auto minor = check_publishable("minor");
  EXPECT_FALSE(minor.allowed);
  EXPECT_EQ(minor.code, "publication.exempt");
  EXPECT_TRUE(contains(minor.reason, "未成年人"));
  EXPECT_TRUE(is_exempt_reason("secret"));
  EXPECT_FALSE(is_exempt_reason("boring"));
}

TEST(PublicationSettings, ReadAndChecked) {
  auto s = parse_publication_settings(
      json{{"penalty_days", 5}, {"retention_years", 3}, {"auto_publish", {4, 9}}});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->penalty_days, 5);
  EXPECT_EQ(s->other_days, 20);
  EXPECT_EQ(s->retention_years_person, 2);
  EXPECT_EQ(s->auto_publish, (std::set<std::int64_t>{4, 9}));
  EXPECT_EQ(to_json(*s)["auto_publish"], json::array({4, 9}));
  EXPECT_FALSE(parse_publication_settings(json{{"penalty_days", 0}}).ok());
  EXPECT_FALSE(parse_publication_settings(json{{"penalty_days", "7"}}).ok());
  auto longer =
      parse_publication_settings(json{{"retention_years", 2}, {"retention_years_person", 3}});
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().field, "retention_years_person");
  EXPECT_FALSE(parse_publication_settings(json{{"auto_publish", {-1}}}).ok());
  EXPECT_FALSE(parse_publication_settings(json::array()).ok());
}

}  // namespace
}  // namespace zhifa::domain
