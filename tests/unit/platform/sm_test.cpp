#include "platform/sm.hpp"

#include <gtest/gtest.h>

namespace zhifa::sm {
namespace {

TEST(Sm3, AbcMatchesTheGbT32905TestVector) {
  EXPECT_EQ(to_hex(sm3("abc")), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(Sm3, SixtyFourByteMessageMatchesTheSecondTestVector) {
  std::string msg;
  for (int i = 0; i < 16; ++i) msg += "abcd";
  EXPECT_EQ(to_hex(sm3(msg)), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(Sm3, IncrementalEqualsOneShot) {
  Sm3 h;
  h.update("a");
  h.update("");
  h.update("bc");
  EXPECT_EQ(h.final(), sm3("abc"));
}

TEST(Sha256, AbcMatchesFips180Vector) {
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.update("ab");
  h.update("c");
  EXPECT_EQ(h.final(), sha256("abc"));
}

TEST(Hex, RoundTripsAndRejectsBadInput) {
  std::vector<std::uint8_t> bytes = {0x00, 0x7f, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "007fabff");
  EXPECT_EQ(from_hex("007FABff"), bytes);
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_FALSE(from_hex("zz"));
  EXPECT_EQ(from_hex(""), std::vector<std::uint8_t>{});
  EXPECT_FALSE(digest_from_hex("00"));
  EXPECT_EQ(digest_from_hex(to_hex(sm3("x"))), sm3("x"));
}

TEST(Sm2, SignatureVerifiesWithTheMatchingPublicKey) {
  Sm2KeyPair key = sm2_generate_key();
  EXPECT_NE(key.private_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
  EXPECT_NE(key.public_pem.find("BEGIN PUBLIC KEY"), std::string::npos);
  auto derived = sm2_public_key(key.private_pem);
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(*derived, key.public_pem);

  auto sig = sm2_sign(key.private_pem, "zhifa-ledger\n1\n");
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(sm2_verify(key.public_pem, "zhifa-ledger\n1\n", *sig));
}

TEST(Sm2, ChangedMessageSignatureOrKeyFails) {
  Sm2KeyPair key = sm2_generate_key();
  auto sig = sm2_sign(key.private_pem, "message");
  ASSERT_TRUE(sig.ok());
  EXPECT_FALSE(sm2_verify(key.public_pem, "messagf", *sig));

  std::string forged = *sig;
  forged[forged.size() - 3] = forged[forged.size() - 3] == '0' ? '1' : '0';
  EXPECT_FALSE(sm2_verify(key.public_pem, "message", forged));
  EXPECT_FALSE(sm2_verify(key.public_pem, "message", "not hex"));
  EXPECT_FALSE(sm2_verify(key.public_pem, "message", ""));
  EXPECT_FALSE(sm2_verify(sm2_generate_key().public_pem, "message", *sig));
  EXPECT_FALSE(sm2_verify("garbage", "message", *sig));
}

TEST(Sm2, RejectsKeysThatAreNotSm2) {
  EXPECT_FALSE(sm2_sign("not a key", "m").ok());
  EXPECT_FALSE(sm2_public_key("").ok());
  // A throwaway P-256 test key (not a secret): an EC key, but not on the SM2 curve.
  const char* p256 =
      "-----BEGIN PRIVATE KEY-----\n"
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpd2Bx4FZbxa99kue\n"
      "nz/FsX4Z1OTy+l5rqQVVDjk8B0ahRANCAAQNlhN6tkLyGrACRj+VvheMqH9uiVPt\n"
      "6eovfQVC+nEiZEpQU+jOqh83LM1wEeUPHmyOruw2y96Lwh12FON9GKe5\n"
      "-----END PRIVATE KEY-----\n";
  auto r = sm2_sign(p256, "m");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "crypto.bad_key");
}

}  // namespace
}  // namespace zhifa::sm
