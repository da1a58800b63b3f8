#include "platform/file_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "platform/secrets.hpp"

namespace zhifa::files {
namespace {
namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("zhifa-files-" + secrets::random_hex(6));
  ~TempDir() { fs::remove_all(path); }
};

TEST(FileStore, StoresBytesUnderTheirSm3AndKeepsOneCopyOfEqualContent) {
  TempDir dir;
  FileStore store(dir.path);
  auto a = store.put("执法记录仪视频");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->sm3, sm::to_hex(sm::sm3("执法记录仪视频")));
  EXPECT_EQ(a->sha256, sm::to_hex(sm::sha256("执法记录仪视频")));
  EXPECT_TRUE(store.has(a->sm3));
  EXPECT_EQ(store.object_path(a->sm3).parent_path().filename(), a->sm3.substr(2, 2));
  auto b = store.put("执法记录仪视频");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->sm3, a->sm3);
  // No temporary is left behind.
  EXPECT_TRUE(fs::is_empty(store.temp_dir()));
}

TEST(FileStore, HashesAFileAPieceAtATimeAndAdoptsIt) {
  TempDir dir;
  FileStore store(dir.path);
  std::string content(3 * 1024 * 1024 + 17, 'x');
  for (std::size_t i = 0; i < content.size(); i += 4093) content[i] = static_cast<char>(i % 251);
  fs::path part = store.part_path("u1");
  {
    auto f = AppendFile::open(part);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE(f->try_lock());
    // A second writer of the same upload is kept out.
    auto g = AppendFile::open(part);
    ASSERT_TRUE(g.ok());
    EXPECT_FALSE(g->try_lock());
    ASSERT_TRUE(f->write(content.substr(0, 1000)).ok());
    ASSERT_TRUE(f->write(content.substr(1000)).ok());
    ASSERT_TRUE(f->sync().ok());
  }
  auto h = FileStore::hash_file(part);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->sm3, sm::to_hex(sm::sm3(content)));
  EXPECT_EQ(h->size, static_cast<std::int64_t>(content.size()));
  DualHasher prefix;
  ASSERT_TRUE(FileStore::hash_into(part, 1000, prefix).ok());
  EXPECT_EQ(prefix.final().sm3, sm::to_hex(sm::sm3(content.substr(0, 1000))));
  ASSERT_TRUE(store.adopt(part, h->sm3).ok());
  EXPECT_FALSE(fs::exists(part));
  EXPECT_EQ(static_cast<std::size_t>(fs::file_size(store.object_path(h->sm3))), content.size());
}

}  // namespace
}  // namespace zhifa::files
