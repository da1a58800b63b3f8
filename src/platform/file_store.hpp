// Files kept outside the database (evidence, generated documents), stored under their SM3 hash:
// <root>/objects/ab/cd/<64 hex>. An object is written once (temporary file, fsync, rename) and
// never changed, so a file's name proves its content; an identical second file is the same object.
// Uploads in progress live in <root>/uploads/<id>.part until they are adopted as objects.
// Several instances may share the root (shared storage): every step is a rename or an append.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"
#include "platform/sm.hpp"

namespace zhifa::files {

struct Stored {
  std::string sm3, sha256;  // lower-case hex
  std::int64_t size = 0;
};

// SM3 and SHA-256 together over a stream of pieces.
class DualHasher {
 public:
  void update(std::string_view piece) {
    sm3_.update(piece);
    sha_.update(piece);
    size_ += static_cast<std::int64_t>(piece.size());
  }
  // The two halves apart, for running them on two threads (SM3 counts the size).
  void update_sm3(std::string_view piece) {
    sm3_.update(piece);
    size_ += static_cast<std::int64_t>(piece.size());
  }
  void update_sha256(std::string_view piece) { sha_.update(piece); }
  std::int64_t size() const { return size_; }
  Stored final() { return {sm::to_hex(sm3_.final()), sm::to_hex(sha_.final()), size_}; }

 private:
  sm::Sm3 sm3_;
  sm::Sha256 sha_;
  std::int64_t size_ = 0;
};

class FileStore {
 public:
  // Creates the directories when missing.
  explicit FileStore(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path object_path(const std::string& sm3_hex) const;
  std::filesystem::path part_path(const std::string& upload_id) const;
  std::filesystem::path temp_dir() const { return root_ / "tmp"; }
  bool has(const std::string& sm3_hex) const;

  // Writes bytes as an object (a generated document); answers its hashes.
  Result<Stored> put(std::string_view bytes) const;
  // Moves a complete file (an upload's part) into the store under the hash it was checked to have;
  // when the object exists already the file is removed instead.
  Status adopt(const std::filesystem::path& file, const std::string& sm3_hex) const;
  // Reads a file (or its first `limit` bytes) and hashes it, a piece at a time.
  static Result<Stored> hash_file(const std::filesystem::path& file,
                                  std::optional<std::int64_t> limit = std::nullopt);
  // Feeds the first `limit` bytes of file into hasher.
  static Status hash_into(const std::filesystem::path& file, std::int64_t limit,
                          DualHasher& hasher);

 private:
  std::filesystem::path root_;
};

// Appends to a file with write(2), flushed to disk by sync().
class AppendFile {
 public:
  static Result<AppendFile> open(const std::filesystem::path& path);
  AppendFile(AppendFile&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  AppendFile& operator=(AppendFile&&) = delete;
  ~AppendFile();
  Status write(std::string_view bytes);
  Status sync();
  // An exclusive advisory lock (flock) while this object lives: false when another writer, in
  // this process or another, holds it.
  bool try_lock();

 private:
  explicit AppendFile(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace zhifa::files
