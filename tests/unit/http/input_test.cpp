#include "http/input.hpp"

#include <gtest/gtest.h>

#include "http/types.hpp"

namespace zhifa::http {
namespace {

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ErrorException& e) {
    return e.error;
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(Input, MalformedJsonIsRefused) {
  auto e = error_of([] { Input in("{\"a\":", {"a"}); });
  EXPECT_EQ(e.kind, ErrorKind::kInvalid);
  EXPECT_FALSE(e.message_zh.empty());
  EXPECT_FALSE(e.message_en.empty());
}

TEST(Input, ArrayInsteadOfObjectIsRefused) {
  EXPECT_EQ(error_of([] { Input in("[1,2]", {"a"}); }).kind, ErrorKind::kInvalid);
}

TEST(Input, UnknownFieldIsNamed) {
  EXPECT_EQ(error_of([] { Input in(R"({"name":"x","is_admin":true})", {"name"}); }).field,
            "is_admin");
}

TEST(Input, WrongTypeIsNamed) {
  Input in(R"({"name":5,"org_id":"3"})", {"name", "org_id"});
  EXPECT_EQ(error_of([&] { in.required_string("name", "名称", 10); }).field, "name");
  EXPECT_EQ(error_of([&] { in.required_int("org_id", "机构", 1, 100); }).field, "org_id");
}

TEST(Input, LengthCountsCharactersNotBytes) {
  Input in(R"({"name":"运城市盐湖区"})", {"name"});
  EXPECT_EQ(in.required_string("name", "名称", 6), "运城市盐湖区");
  EXPECT_EQ(error_of([&] { in.required_string("name", "名称", 5); }).field, "name");
}

TEST(Input, ControlCharactersAndEmptyRequiredAreRefused) {
  Input in("{\"a\":\"x\\u0000y\",\"b\":\"   \"}", {"a", "b"});
  EXPECT_EQ(error_of([&] { in.required_string("a", "A", 10); }).field, "a");
  EXPECT_EQ(error_of([&] { in.required_string("b", "B", 10); }).field, "b");
}

TEST(Input, SqlMetacharactersArePlainText) {
  Input in(R"({"name":"'; DROP TABLE users; --"})", {"name"});
  EXPECT_EQ(in.required_string("name", "名称", 50), "'; DROP TABLE users; --");
}

TEST(Input, IdListRejectsNonPositive) {
  Input in(R"({"ids":[1,0]})", {"ids"});
  EXPECT_EQ(error_of([&] { in.id_list("ids", "编号", 10); }).field, "ids");
}

TEST(Utf8, InvalidSequencesAreDetected) {
  EXPECT_EQ(utf8_length("abc"), 3);
  EXPECT_EQ(utf8_length("运城"), 2);
  EXPECT_EQ(utf8_length("\xe8\xbf"), -1);
  EXPECT_EQ(utf8_length("\xff"), -1);
}

TEST(Page, LimitsAreEnforced) {
  Request req;
  req.query = {{"page", "2"}, {"page_size", "50"}};
  auto p = page_of(req);
  EXPECT_EQ(p.offset(), 50);
  req.query["page_size"] = "500";
  EXPECT_EQ(error_of([&] { page_of(req); }).field, "page_size");
  req.query["page_size"] = "-1";
  EXPECT_EQ(error_of([&] { page_of(req); }).field, "page_size");
}

}  // namespace
}  // namespace zhifa::http
