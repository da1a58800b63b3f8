#include "platform/field_crypto.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace zhifa {
namespace {

namespace fs = std::filesystem;

fs::path temp_key() {
  return fs::temp_directory_path() /
         ("zhifa-field-" + std::to_string(std::random_device()()) + ".key");
}

TEST(FieldCipher, RoundTripsChineseTextAndNeverStoresItInTheClear) {
  auto path = temp_key();
  auto c = FieldCipher::open(path);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  std::string id = "11010519491231002X";
  std::string stored = c->encrypt(id);
  EXPECT_EQ(stored.find(id), std::string::npos);
  EXPECT_TRUE(stored.starts_with("v1."));
  EXPECT_EQ(*c->decrypt(stored), id);
  EXPECT_EQ(*c->decrypt(c->encrypt("运城市盐湖区解放路 1 号")), "运城市盐湖区解放路 1 号");
  EXPECT_EQ(*c->decrypt(c->encrypt("")), "");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::others_read, fs::perms::none);
  fs::remove(path);
}

TEST(FieldCipher, SameValueEncryptsDifferentlyButIndexesTheSame) {
  auto path = temp_key();
  auto c = FieldCipher::open(path);
  EXPECT_NE(c->encrypt("13800001111"), c->encrypt("13800001111"));
  EXPECT_EQ(c->blind_index("13800001111"), c->blind_index("13800001111"));
  EXPECT_NE(c->blind_index("13800001111"), c->blind_index("13800001112"));
  fs::remove(path);
}

TEST(FieldCipher, AlteredValueOrOtherKeyFailsCleanly) {
  auto p1 = temp_key(), p2 = temp_key();
  auto a = FieldCipher::open(p1);
  auto b = FieldCipher::open(p2);
  std::string stored = a->encrypt("11010519491231002X");
  std::string flipped = stored;
  flipped[10] = flipped[10] == '0' ? '1' : '0';
  EXPECT_FALSE(a->decrypt(flipped).ok());
  EXPECT_FALSE(b->decrypt(stored).ok());
  EXPECT_FALSE(a->decrypt("plain text").ok());
  fs::remove(p1);
  fs::remove(p2);
}

TEST(FieldCipher, KeyFileIsReusedAcrossOpens) {
  auto path = temp_key();
  std::string stored = FieldCipher::open(path)->encrypt("secret");
  EXPECT_EQ(*FieldCipher::open(path)->decrypt(stored), "secret");
  fs::remove(path);
}

}  // namespace
}  // namespace zhifa
