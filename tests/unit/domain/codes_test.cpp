#include "domain/codes.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

TEST(IdNumber, ValidNumberGivesRegionBirthDateAndSex) {
  // 11010519491231002X is the example number printed in GB 11643-1999.
  auto r = parse_id_number("11010519491231002X");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->region_code, "110105");
  EXPECT_EQ(r->birth_date, "1949-12-31");
  EXPECT_FALSE(r->male);
}

TEST(IdNumber, LowerCaseXIsAccepted) { EXPECT_TRUE(parse_id_number("11010519491231002x").ok()); }

TEST(IdNumber, WrongCheckDigitIsATypo) {
  auto r = parse_id_number("110105194912310021", "officer.id_number");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "officer.id_number");
  EXPECT_NE(r.error().message_zh.find("校验位"), std::string::npos);
}

TEST(IdNumber, ImpossibleBirthDateIsRefused) {
  std::string body = "14080219900231123";  // 31 February
  EXPECT_FALSE(parse_id_number(body + id_number_check_digit(body)).ok());
}

TEST(IdNumber, LengthAndCharactersAreChecked) {
  EXPECT_FALSE(parse_id_number("1101051949123100").ok());
  EXPECT_FALSE(parse_id_number("11010519491231002Y").ok());
  EXPECT_FALSE(parse_id_number("1101051949A231002X").ok());
}

TEST(IdNumber, CheckDigitMakesSyntheticNumbersValid) {
  std::string body = "14080219900101123";
  EXPECT_TRUE(parse_id_number(body + id_number_check_digit(body)).ok());
}

TEST(IdNumber, MaskKeepsRegionAndLastFour) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
}

TEST(CreditCode, ExampleFromTheStandardIsValid) {
  EXPECT_TRUE(check_uscc("91512081MA62K0260E").ok());
}

TEST(CreditCode, WrongCheckCharacterIsATypo) {
  auto r = check_uscc("91512081MA62K0260F");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "credit_code");
}

TEST(CreditCode, LettersOutsideTheAlphabetAreRefused) {
  EXPECT_FALSE(check_uscc("91512081MA62K0260O").ok());
  EXPECT_FALSE(check_uscc("91512081ma62k0260e").ok());
  EXPECT_FALSE(check_uscc("91512081MA62K026").ok());
}

TEST(CreditCode, CheckCharacterIsComputedForTheFirstSeventeen) {
  EXPECT_EQ(uscc_check_char("91512081MA62K0260"), 'E');
  EXPECT_EQ(uscc_check_char("91512081MA62K026I"), '\0');
}

}  // namespace
}  // namespace zhifa::domain
