#include "platform/sm.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace zhifa::sm {
namespace {

// GB/T 35276 default user ID, used by every SM2 implementation we need to interoperate with.
constexpr char kDefaultDistId[] = "1234567812345678";

struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct MdFree {
  void operator()(EVP_MD* p) const { EVP_MD_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MdPtr = std::unique_ptr<EVP_MD, MdFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// The last OpenSSL error as text (and clears the queue).
std::string openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + openssl_error());
}

MdPtr fetch_md(const char* algorithm) {
  MdPtr md(EVP_MD_fetch(nullptr, algorithm, nullptr));
  if (!md) fail(std::string("EVP_MD_fetch ") + algorithm);
  return md;
}

// Fetched once per process: a fetched EVP_MD may be shared between threads, and fetching it for
// every digest (the session cookie of every request) cost more than the digest itself.
const EVP_MD* cached_md(const char* algorithm) {
  static const MdPtr sm3_md = fetch_md("SM3");
  static const MdPtr sha256_md = fetch_md("SHA256");
  return std::string_view(algorithm) == "SM3" ? sm3_md.get() : sha256_md.get();
}

Digest one_shot(const char* algorithm, std::string_view data) {
  const EVP_MD* md = cached_md(algorithm);
  Digest out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1 ||
      len != out.size()) {
    fail(std::string("EVP_Digest ") + algorithm);
  }
  return out;
}

BioPtr memory_bio(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) fail("BIO_new_mem_buf");
  return bio;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Error key_error(const char* what_en) {
  ERR_clear_error();
  return Error::invalid("crypto.bad_key", "SM2 密钥无效或不是 SM2 密钥", what_en);
}

Result<PkeyPtr> load_private(std::string_view pem) {
  BioPtr bio = memory_bio(pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) return key_error("not an SM2 private key PEM");
  return key;
}

Result<PkeyPtr> load_public(std::string_view pem) {
  BioPtr bio = memory_bio(pem);
  PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) return key_error("not an SM2 public key PEM");
  return key;
}

std::string public_pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) fail("PEM_write_bio_PUBKEY");
  return bio_text(bio.get());
}

std::string private_pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("PEM_write_bio_PrivateKey");
  }
  return bio_text(bio.get());
}

// A digest-sign/verify context for SM2 with SM3 and the default distinguishing ID. The ID must be
// set after init: OpenSSL 3.0 refuses it among the init parameters (the Z digest flag is not set
// yet).
enum class Use { kSign, kVerify };

MdCtxPtr sm2_context(EVP_PKEY* key, Use use) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) fail("EVP_MD_CTX_new");
  EVP_PKEY_CTX* pctx = nullptr;
  int rc = use == Use::kSign
               ? EVP_DigestSignInit_ex(ctx.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr)
               : EVP_DigestVerifyInit_ex(ctx.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr);
  if (rc != 1 || EVP_PKEY_CTX_set1_id(pctx, kDefaultDistId, sizeof kDefaultDistId - 1) != 1) {
    return nullptr;
  }
  return ctx;
}

}  // namespace

Digest sm3(std::string_view data) { return one_shot("SM3", data); }
Digest sha256(std::string_view data) { return one_shot("SHA256", data); }

struct Hasher::Impl {
  MdCtxPtr ctx;
};

Hasher::Hasher(const char* algorithm) : impl_(std::make_unique<Impl>()) {
  MdPtr md = fetch_md(algorithm);
  impl_->ctx.reset(EVP_MD_CTX_new());
  if (!impl_->ctx || EVP_DigestInit_ex2(impl_->ctx.get(), md.get(), nullptr) != 1) {
    fail("EVP_DigestInit_ex2");
  }
}

Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;
Hasher::~Hasher() = default;

void Hasher::update(std::string_view data) {
  if (EVP_DigestUpdate(impl_->ctx.get(), data.data(), data.size()) != 1) fail("EVP_DigestUpdate");
}

Digest Hasher::final() {
  Digest out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(impl_->ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    fail("EVP_DigestFinal_ex");
  }
  return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_value(hex[i]);
    int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

std::optional<Digest> digest_from_hex(std::string_view hex) {
  auto bytes = from_hex(hex);
  if (!bytes || bytes->size() != Digest{}.size()) return std::nullopt;
  Digest d{};
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

Sm2KeyPair sm2_generate_key() {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) fail("SM2 keygen init");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &raw) != 1) fail("SM2 keygen");
  PkeyPtr key(raw);
  return {private_pem_of(key.get()), public_pem_of(key.get())};
}

Result<std::string> sm2_public_key(std::string_view private_pem) {
  auto key = load_private(private_pem);
  if (!key) return key.error();
  return public_pem_of(key->get());
}

Result<std::string> sm2_sign(std::string_view private_pem, std::string_view message) {
  auto key = load_private(private_pem);
  if (!key) return key.error();
  MdCtxPtr ctx = sm2_context(key->get(), Use::kSign);
  if (!ctx) fail("SM2 sign init");
  std::size_t len = 0;
  auto msg = reinterpret_cast<const unsigned char*>(message.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1) fail("SM2 sign size");
  std::vector<std::uint8_t> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, msg, message.size()) != 1) fail("SM2 sign");
  sig.resize(len);
  return to_hex(sig);
}

bool sm2_verify(std::string_view public_pem, std::string_view message,
                std::string_view signature_hex) {
  auto key = load_public(public_pem);
  auto sig = from_hex(signature_hex);
  if (!key || !sig || sig->empty()) return false;
  MdCtxPtr ctx = sm2_context(key->get(), Use::kVerify);
  if (!ctx) return false;
  int rc = EVP_DigestVerify(ctx.get(), sig->data(), sig->size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size());
  ERR_clear_error();
  return rc == 1;
}

}  // namespace zhifa::sm
