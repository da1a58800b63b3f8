#include "platform/secrets.hpp"

#include <sodium.h>

#include <stdexcept>

namespace zhifa::secrets {

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: ~64 MiB and a fraction of a second, the libsodium recommendation for
  // logins.
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string initial_password() {
  // No look-alike characters (0/O, 1/l/I) so a clerk can read it out over the phone.
  static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
  static constexpr std::string_view kDigit = "23456789";
  static constexpr std::string_view kSymbol = "@#%+=";
  auto pick = [](std::string_view set) {
    return set[randombytes_uniform(static_cast<uint32_t>(set.size()))];
  };
  std::string p;
  p += pick(kUpper);
  for (int i = 0; i < 5; ++i) p += pick(kLower);
  p += pick(kSymbol);
  for (int i = 0; i < 4; ++i) p += pick(kDigit);
  return p;
}

bool equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace zhifa::secrets
