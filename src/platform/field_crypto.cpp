#include "platform/field_crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "platform/secrets.hpp"
#include "platform/sm.hpp"

namespace zhifa {
namespace {

constexpr std::size_t kEncKey = 16, kMacKey = 32, kIndexKey = 32, kIv = 16, kMac = 32;
constexpr std::string_view kVersion = "v1.";

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct CipherFree {
  void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};
struct MacFree {
  void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* m) const { EVP_MAC_CTX_free(m); }
};

const EVP_CIPHER* sm4_cbc() {
  static const std::unique_ptr<EVP_CIPHER, CipherFree> c(
      EVP_CIPHER_fetch(nullptr, "SM4-CBC", nullptr));
  if (!c) throw std::runtime_error("SM4-CBC is not available in this OpenSSL");
  return c.get();
}

// An HMAC-SM3 context keyed once; copies of it (EVP_MAC_CTX_dup) are ready for data.
std::unique_ptr<EVP_MAC_CTX, MacCtxFree> keyed_hmac_sm3(std::string_view key) {
  static const std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(mac.get()));
  char digest[] = "SM3";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(key.data()),
                           key.size(), params) != 1) {
    return nullptr;
  }
  return ctx;
}

std::string to_hex(std::string_view raw) {
  return sm::to_hex(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()));
}

Error corrupt() {
  return Error{ErrorKind::kInternal,
               "crypto.field",
               "加密数据已损坏或密钥不匹配",
               "encrypted field was altered or was encrypted with another key",
               {}};
}

}  // namespace

struct FieldCipher::KeyedMacs {
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> mac, index;
};

Result<FieldCipher> FieldCipher::from_hex(std::string_view keys_hex) {
  auto raw = sm::from_hex(keys_hex);
  if (!raw || raw->size() != kEncKey + kMacKey + kIndexKey) {
    return Error::invalid("crypto.field_key", "字段加密密钥文件格式不正确",
                          "field key file is malformed");
  }
  std::string bytes(raw->begin(), raw->end());
  FieldCipher c;
  c.enc_key_ = bytes.substr(0, kEncKey);
  c.mac_key_ = bytes.substr(kEncKey, kMacKey);
  c.index_key_ = bytes.substr(kEncKey + kMacKey);
  auto macs = std::make_shared<KeyedMacs>();
  macs->mac = keyed_hmac_sm3(c.mac_key_);
  macs->index = keyed_hmac_sm3(c.index_key_);
  if (!macs->mac || !macs->index) return Error::internal("cannot key HMAC-SM3");
  c.macs_ = std::move(macs);
  return c;
}

std::string FieldCipher::mac(std::string_view data, bool index) const {
  EVP_MAC_CTX* tmpl = index ? macs_->index.get() : macs_->mac.get();
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_dup(tmpl));
  std::string out(kMac, '\0');
  std::size_t len = 0;
  if (!ctx ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
          1 ||
      EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, out.size()) !=
          1 ||
      len != kMac) {
    throw std::runtime_error("HMAC-SM3 failed");
  }
  return out;
}

Result<FieldCipher> FieldCipher::open(const std::filesystem::path& key_file) {
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    if (key_file.has_parent_path()) std::filesystem::create_directories(key_file.parent_path(), ec);
    std::string hex = secrets::random_hex(kEncKey + kMacKey + kIndexKey);
    // Written to a temporary file with mode 0600 and linked into place, so two instances starting
    // at once end up with one key.
    auto tmp = key_file;
    tmp += ".tmp" + secrets::random_hex(4);
    {
      std::ofstream out(tmp);
      out << hex << "\n";
      if (!out)
        return Error::invalid("crypto.field_key", "无法写入字段加密密钥文件",
                              "cannot write the field key file");
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::create_hard_link(tmp, key_file,
                                      ec);  // fails harmlessly if another won the race
    std::filesystem::remove(tmp, ec);
  }
  std::ifstream in(key_file);
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  return from_hex(hex);
}

std::string FieldCipher::encrypt(std::string_view plain) const {
  // libsodium's CSPRNG: the same quality as RAND_bytes without OpenSSL's DRBG locking, which
  // serialised the threads of a bulk import.
  std::string iv(kIv, '\0');
  randombytes_buf(iv.data(), iv.size());
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string cipher(plain.size() + kIv, '\0');
  int n1 = 0, n2 = 0;
  if (!ctx ||
      EVP_EncryptInit_ex2(ctx.get(), sm4_cbc(),
                          reinterpret_cast<const unsigned char*>(enc_key_.data()),
                          reinterpret_cast<const unsigned char*>(iv.data()), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()), &n1,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()) + n1, &n2) !=
          1) {
    throw std::runtime_error("SM4 encryption failed");
  }
  cipher.resize(static_cast<std::size_t>(n1 + n2));
  std::string body = iv + cipher;
  std::string tag = mac(std::string(kVersion) + body, false);
  return std::string(kVersion) + to_hex(body + tag);
}

Result<std::string> FieldCipher::decrypt(std::string_view stored) const {
  if (!stored.starts_with(kVersion)) return corrupt();
  auto raw = sm::from_hex(stored.substr(kVersion.size()));
  if (!raw || raw->size() < kIv + kMac + 16) return corrupt();
  std::string all(raw->begin(), raw->end());
  std::string body = all.substr(0, all.size() - kMac);
  std::string tag = all.substr(all.size() - kMac);
  if (!secrets::equal(mac(std::string(kVersion) + body, false), tag)) return corrupt();
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string plain(body.size(), '\0');
  int n1 = 0, n2 = 0;
  const auto* iv = reinterpret_cast<const unsigned char*>(body.data());
  const auto* data = reinterpret_cast<const unsigned char*>(body.data()) + kIv;
  if (!ctx ||
      EVP_DecryptInit_ex2(ctx.get(), sm4_cbc(),
                          reinterpret_cast<const unsigned char*>(enc_key_.data()), iv,
                          nullptr) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &n1, data,
                        static_cast<int>(body.size() - kIv)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + n1, &n2) !=
          1) {
    return corrupt();
  }
  plain.resize(static_cast<std::size_t>(n1 + n2));
  return plain;
}

std::string FieldCipher::blind_index(std::string_view plain) const {
  return to_hex(mac(plain, true));
}

}  // namespace zhifa
