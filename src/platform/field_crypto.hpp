// Personal data encrypted at rest (ID numbers, phone numbers of parties, bank accounts): SM4-CBC
// with a random IV, then HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC; Debian 12's
// OpenSSL 3.0 has no SM4-GCM). A blind index — HMAC-SM3 of the plain value under a separate key —
// finds an exact value (e.g. "is this ID number registered?") without decrypting every row.
//
// Stored form: "v1." followed by lower-case hex of IV (16 bytes) ‖ ciphertext ‖ MAC (32 bytes).
// The keys (16 bytes SM4, 32 bytes MAC, 32 bytes index) live in one file, hex, mode 0600; every
// instance of a deployment must share it, and losing it loses the data: back it up with the
// database (docs/operations.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace zhifa {

class FieldCipher {
 public:
  // Loads the key file; creates it with fresh random keys when it does not exist.
  static Result<FieldCipher> open(const std::filesystem::path& key_file);
  // From the file's content (160 hex characters).
  static Result<FieldCipher> from_hex(std::string_view keys_hex);

  std::string encrypt(std::string_view plain) const;
  // Fails (without a partial result) when the value was altered or was made with another key.
  Result<std::string> decrypt(std::string_view stored) const;
  std::string blind_index(std::string_view plain) const;

 private:
  FieldCipher() = default;
  std::string enc_key_, mac_key_, index_key_;  // raw bytes
  // HMAC-SM3 contexts already keyed with mac_key_ and index_key_: each use copies one instead of
  // fetching SM3 and hashing the key again (an import encrypts thousands of ID numbers).
  struct KeyedMacs;
  std::shared_ptr<const KeyedMacs> macs_;
  std::string mac(std::string_view data, bool index) const;
};

}  // namespace zhifa
