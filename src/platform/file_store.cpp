#include "platform/file_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "platform/secrets.hpp"

namespace zhifa::files {
namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what) {
  return Error::internal(what + ": " + std::strerror(errno));
}

bool valid_hex(const std::string& h) {
  if (h.size() != 64) return false;
  for (char c : h) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

FileStore::FileStore(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(root_ / "objects", ec);
  fs::create_directories(root_ / "uploads", ec);
  fs::create_directories(root_ / "tmp", ec);
}

fs::path FileStore::object_path(const std::string& sm3_hex) const {
  if (!valid_hex(sm3_hex)) return root_ / "objects" / "invalid";
  return root_ / "objects" / sm3_hex.substr(0, 2) / sm3_hex.substr(2, 2) / sm3_hex;
}

fs::path FileStore::part_path(const std::string& upload_id) const {
  return root_ / "uploads" / (upload_id + ".part");
}

bool FileStore::has(const std::string& sm3_hex) const {
  std::error_code ec;
  return valid_hex(sm3_hex) && fs::exists(object_path(sm3_hex), ec);
}

Result<Stored> FileStore::put(std::string_view bytes) const {
  DualHasher h;
  h.update(bytes);
  Stored s = h.final();
  if (has(s.sm3)) return s;
  fs::path tmp = temp_dir() / ("put-" + secrets::random_hex(8));
  {
    auto f = AppendFile::open(tmp);
    if (!f) return f.error();
    if (auto w = f.value().write(bytes); !w) return w.error();
    if (auto w = f.value().sync(); !w) return w.error();
  }
  if (auto a = adopt(tmp, s.sm3); !a) return a.error();
  return s;
}

Status FileStore::adopt(const fs::path& file, const std::string& sm3_hex) const {
  if (!valid_hex(sm3_hex)) return Error::internal("bad object name");
  fs::path target = object_path(sm3_hex);
  std::error_code ec;
  if (fs::exists(target, ec)) {
    fs::remove(file, ec);
    return Ok{};
  }
  fs::create_directories(target.parent_path(), ec);
  fs::rename(file, target, ec);
  if (ec) return Error::internal("cannot store file: " + ec.message());
  // The directory entry must survive a crash too.
  int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok{};
}

Status FileStore::hash_into(const fs::path& file, std::int64_t limit, DualHasher& hasher) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open " + file.string());
  std::vector<char> buf(1 << 20);
  std::int64_t left = limit;
  while (left > 0) {
    auto want = static_cast<std::size_t>(std::min<std::int64_t>(left, buf.size()));
    ssize_t n = ::read(fd, buf.data(), want);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    hasher.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    left -= n;
  }
  ::close(fd);
  if (left > 0 && limit != INT64_MAX) return Error::internal("file shorter than expected");
  return Ok{};
}

Result<Stored> FileStore::hash_file(const fs::path& file, std::optional<std::int64_t> limit) {
  DualHasher h;
  if (auto r = hash_into(file, limit.value_or(INT64_MAX), h); !r) return r.error();
  return h.final();
}

Result<AppendFile> AppendFile::open(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return io_error("cannot open " + path.string());
  return AppendFile(fd);
}

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status AppendFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("write failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok{};
}

bool AppendFile::try_lock() { return ::flock(fd_, LOCK_EX | LOCK_NB) == 0; }

Status AppendFile::sync() {
  if (::fdatasync(fd_) != 0) return io_error("fdatasync failed");
  return Ok{};
}

}  // namespace zhifa::files
