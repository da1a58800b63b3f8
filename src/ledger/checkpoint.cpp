// The checkpoint signer (its key file) and signed checkpoints.
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "ledger/ledger.hpp"
#include "ledger/rows.hpp"

namespace zhifa::ledger {
namespace {

namespace fs = std::filesystem;

Error key_file_error(const fs::path& path, int err) {
  return Error{ErrorKind::kInternal,
               "ledger.key_file",
               fmt::format("无法读取或创建账本签名密钥文件 {}", path.string()),
               fmt::format("cannot read or create the ledger signing key file {}: {}",
                           path.string(), std::strerror(err)),
               {}};
}

// The file's text; nullopt when it does not exist.
Result<std::optional<std::string>> read_key_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (ec) return key_file_error(path, ec.value());
    return std::optional<std::string>();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return key_file_error(path, errno);
  std::ostringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str());
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Writes a new key to a private temporary file, then hard-links it into place: link() fails when
// the name exists, so of several processes creating the key at once exactly one wins, and nobody
// ever reads a half-written key. Returns 0 or the errno of the failure (EEXIST: someone else won).
int publish_new_key(const fs::path& path, const std::string& pem) {
  fs::path tmp = path;
  tmp += fmt::format(".{}.tmp", ::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errno;
  bool written = write_all(fd, pem) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  int rc = written ? ::link(tmp.c_str(), path.c_str()) : -1;
  if (written && rc != 0) err = errno;
  ::unlink(tmp.c_str());
  return rc == 0 ? 0 : err;
}

std::optional<Checkpoint> checkpoint_of(const std::vector<detail::CheckpointRow>& rows) {
  if (rows.empty()) return std::nullopt;
  const detail::CheckpointRow& r = rows.front();
  return Checkpoint{r.size, detail::hash_column(r.root, "ledger_checkpoints.root"), r.at,
                    r.signature, r.key_id};
}

std::optional<Checkpoint> checkpoint_at(db::Tx& tx, std::int64_t tree_size) {
  return checkpoint_of(detail::read_checkpoints(tx, "WHERE size = ?", {tree_size}));
}

}  // namespace

std::string key_id_of(std::string_view public_key_pem) {
  return sm::to_hex(sm::sm3(public_key_pem)).substr(0, 16);
}

Signer::Signer(std::string private_pem, std::string public_pem)
    : private_pem_(std::move(private_pem)),
      public_pem_(std::move(public_pem)),
      key_id_(key_id_of(public_pem_)) {}

Result<Signer> Signer::from_pem(std::string private_pem) {
  auto public_pem = sm::sm2_public_key(private_pem);
  if (!public_pem) return public_pem.error();
  return Signer(std::move(private_pem), std::move(*public_pem));
}

Result<Signer> Signer::open(const fs::path& path) {
  auto existing = read_key_file(path);
  if (!existing) return existing.error();
  if (*existing) return from_pem(std::move(**existing));
  std::error_code ignored;  // a missing directory shows up as the open() error below
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ignored);
  int err = publish_new_key(path, sm::sm2_generate_key().private_pem);
  if (err != 0 && err != EEXIST) return key_file_error(path, err);
  auto created = read_key_file(path);
  if (!created) return created.error();
  if (!*created) return key_file_error(path, ENOENT);
  return from_pem(std::move(**created));
}

std::string Signer::sign(std::string_view message) const {
  auto signature = sm::sm2_sign(private_pem_, message);
  if (!signature) raise(Error::internal("ledger: signing failed: " + signature.error().message_en));
  return *signature;
}

std::string checkpoint_message(std::int64_t size, const Hash& root, std::int64_t time_ms) {
  return fmt::format("zhifa-ledger\n{}\n{}\n{}\n", size, sm::to_hex(root), time_ms);
}

bool checkpoint_signature_ok(const Checkpoint& checkpoint, std::string_view public_key_pem) {
  return sm::sm2_verify(public_key_pem,
                        checkpoint_message(checkpoint.size, checkpoint.root, checkpoint.time_ms),
                        checkpoint.signature);
}

Checkpoint make_checkpoint(db::Tx& tx, const Signer& signer, std::int64_t now_ms) {
  CompactRange range = detail::read_state(tx).value_or(CompactRange());
  auto tree_size = static_cast<std::int64_t>(range.size());
  if (auto existing = checkpoint_at(tx, tree_size)) return *existing;
  Hash root = range.root();
  std::string signature = signer.sign(checkpoint_message(tree_size, root, now_ms));
  tx.exec(
      "INSERT INTO ledger_checkpoints (size, root, at, signature, key_id) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (size) DO NOTHING",
      {tree_size, sm::to_hex(root), now_ms, signature, signer.key_id()});
  return *checkpoint_at(tx, tree_size);
}

std::optional<Checkpoint> latest_checkpoint(db::Tx& tx) {
  return checkpoint_of(detail::read_checkpoints(tx, "ORDER BY size DESC LIMIT 1"));
}

nlohmann::json to_json(const Checkpoint& checkpoint, std::string_view public_key_pem) {
  return {{"size", checkpoint.size},     {"root", sm::to_hex(checkpoint.root)},
          {"time", checkpoint.time_ms},  {"signature", checkpoint.signature},
          {"key_id", checkpoint.key_id}, {"public_key", public_key_pem}};
}

}  // namespace zhifa::ledger
