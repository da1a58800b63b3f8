// Chinese commercial cryptography (商用密码) and the hashes we need beside it, over OpenSSL 3.0
// EVP.
//
// SM3 (GB/T 32905) hashes ledger events and evidence files; SHA-256 is computed beside it for
// evidence so outside tools without SM3 can still check a file. Both have a one-shot function and
// an incremental hasher (update() any number of times, then final() once) for streaming large
// files.
//
// SM2 (GB/T 32918) signs ledger checkpoints: signatures use the SM3 digest with the default
// distinguishing ID "1234567812345678" (GB/T 35276), are DER-encoded and handed around as
// lower-case hex. Keys travel as PEM strings (PKCS#8 private key, SubjectPublicKeyInfo public key),
// so no OpenSSL type leaks out of sm.cpp. Key parsing or signing failures come back as Error
// values; verification simply answers false for anything that does not check out.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::sm {

using Digest = std::array<std::uint8_t, 32>;

Digest sm3(std::string_view data);
Digest sha256(std::string_view data);

// An incremental hash. Not copyable; final() may be called once, after which the hasher is spent.
class Hasher {
 public:
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  ~Hasher();
  void update(std::string_view data);
  Digest final();

 protected:
  explicit Hasher(const char* algorithm);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Sm3 : public Hasher {
 public:
  Sm3() : Hasher("SM3") {}
};

class Sha256 : public Hasher {
 public:
  Sha256() : Hasher("SHA256") {}
};

// Lower-case hex of bytes; from_hex accepts either case and answers nullopt for odd lengths or
// non-hex characters.
std::string to_hex(std::span<const std::uint8_t> bytes);
inline std::string to_hex(const Digest& d) { return to_hex(std::span<const std::uint8_t>(d)); }
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
// A 32-byte digest from 64 hex characters, nullopt otherwise.
std::optional<Digest> digest_from_hex(std::string_view hex);

struct Sm2KeyPair {
  std::string private_pem;  // PKCS#8 "-----BEGIN PRIVATE KEY-----"
  std::string public_pem;   // "-----BEGIN PUBLIC KEY-----"
};

// A fresh key pair from OpenSSL's CSPRNG. Throws std::runtime_error only if OpenSSL itself fails.
Sm2KeyPair sm2_generate_key();

// The public key PEM belonging to a private key PEM.
Result<std::string> sm2_public_key(std::string_view private_pem);

// Signs message (SM2 with SM3, default ID); returns the DER signature as hex.
Result<std::string> sm2_sign(std::string_view private_pem, std::string_view message);

// True when signature_hex is a valid SM2 signature of message under public_pem.
bool sm2_verify(std::string_view public_pem, std::string_view message,
                std::string_view signature_hex);

}  // namespace zhifa::sm
