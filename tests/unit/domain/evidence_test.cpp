#include "domain/evidence.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

using nlohmann::json;
using namespace std::string_literals;

std::string bytes(std::initializer_list<int> b, std::size_t pad = 32) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  s.append(pad, '\0');
  return s;
}

TEST(EvidenceSniff, KnowsPicturesSoundVideoAndDocumentsByTheirFirstBytes) {
  EXPECT_EQ(sniff(bytes({0xff, 0xd8, 0xff, 0xe0}), "现场.jpg").mime, "image/jpeg");
  EXPECT_EQ(sniff("\x89PNG\r\n\x1a\n"s + std::string(20, '\0'), "a.png").kind, "photo");
  EXPECT_EQ(sniff("\0\0\0\x18"
                  "ftypisom"s +
                      std::string(20, '\0'),
                  "DSJ001_0001.MP4")
                .mime,
            "video/mp4");
  EXPECT_EQ(sniff("\0\0\0\x14"
                  "ftypqt  "s +
                      std::string(20, '\0'),
                  "a.mov")
                .mime,
            "video/quicktime");
  EXPECT_EQ(sniff("\0\0\0\x18"
                  "ftypheic"s +
                      std::string(20, '\0'),
                  "a.heic")
                .kind,
            "photo");
  EXPECT_EQ(sniff("RIFF\x10\0\0\0"
                  "AVI LIST"s,
                  "cam.avi")
                .kind,
            "video");
  EXPECT_EQ(sniff("RIFF\x10\0\0\0"
                  "WAVEfmt "s,
                  "rec.wav")
                .kind,
            "audio");
  EXPECT_EQ(sniff("ID3\x03"s + std::string(20, '\0'), "rec.mp3").kind, "audio");
  EXPECT_EQ(sniff("#!AMR\n"s, "rec.amr").mime, "audio/amr");
  EXPECT_EQ(sniff("%PDF-1.7\n"s, "营业执照.pdf").kind, "document");
  EXPECT_EQ(sniff("PK\x03\x04"s + std::string(20, '\0'), "询问记录.docx").kind, "document");
  EXPECT_EQ(sniff("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"s, "台账.xls").kind, "document");
  EXPECT_EQ(sniff("说明文字 plain text\n", "说明.txt").kind, "document");
}

TEST(EvidenceSniff, RefusesExecutablesScriptsArchivesAndWhatItCannotName) {
  // A renamed Windows program, an ELF binary and a script: refused whatever the name says.
  auto exe = sniff("MZ\x90\0"s + std::string(40, '\0'), "photo.jpg");
  EXPECT_TRUE(exe.kind.empty());
  EXPECT_NE(exe.reason.find("可执行"), std::string::npos);
  EXPECT_TRUE(sniff("\x7f"
                    "ELF\x02\x01"s,
                    "video.mp4")
                  .kind.empty());
  EXPECT_TRUE(sniff("#!/bin/sh\nrm -rf /\n", "notes.txt").kind.empty());
  EXPECT_TRUE(sniff("PK\x03\x04"s + std::string(20, '\0'), "files.zip").kind.empty());
  EXPECT_TRUE(sniff(std::string(40, '\x01'), "unknown.bin").kind.empty());
  // The name must not contradict the content: a PDF named .jpg.
  auto mismatch = sniff("%PDF-1.4\n"s, "现场照片.jpg");
  EXPECT_TRUE(mismatch.kind.empty());
  EXPECT_NE(mismatch.reason.find(".jpg"), std::string::npos);
}

TEST(EvidenceUpload, SizeMustBePositiveAndWithinTheLimit) {
  EXPECT_FALSE(check_upload_size(0, 100).ok());
  EXPECT_TRUE(check_upload_size(100, 100).ok());
  auto big = check_upload_size(101, 100);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().kind, ErrorKind::kTooLarge);
  EXPECT_TRUE(parse_evidence_meta(json{{"captured_at", "2026-05-01T09:30"}}).ok());
  EXPECT_FALSE(parse_evidence_meta(json{{"captured_at", "yesterday"}}).ok());
}

RecordInput seizure(std::int64_t now) {
  RecordInput r;
  r.kind = "seizure";
  r.title = "查封过期食品";
  r.place = "某超市仓库";
  r.started_at = now - 3'600'000;
  r.ended_at = now - 600'000;
  r.officer_ids = {11, 12};
  r.content = json{{"items", json::array({{{"name", "过期牛奶"}, {"quantity", "20 箱"}}})}};
  return r;
}

TEST(Records, NeedTwoOfficersAPlaceTimesAndTheContentOfTheirKind) {
  const std::int64_t now = 1'780'000'000'000;
  EXPECT_TRUE(check_record(seizure(now), now).ok());
  auto one = seizure(now);
  one.officer_ids = {11, 11};
  auto r = check_record(one, now);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "record.two_officers");
  auto future = seizure(now);
  future.ended_at = now + 3'600'000;
  EXPECT_FALSE(check_record(future, now).ok());
  auto empty = seizure(now);
  empty.content = json{{"items", json::array()}};
  EXPECT_EQ(check_record(empty, now).error().code, "record.items");
  auto inquiry = seizure(now);
  inquiry.kind = "inquiry";
  inquiry.content = json{{"person", {{"name", "张三"}}}, {"qa", json::array({{{"q", "姓名?"}}})}};
  EXPECT_EQ(check_record(inquiry, now).error().code, "record.qa");
  auto service = seizure(now);
  service.kind = "service";
  service.content =
      json{{"document", "行政处罚决定书"}, {"recipient", "某超市"}, {"method", "pigeon"}};
  EXPECT_EQ(check_record(service, now).error().code, "record.method");
}

TEST(AudioVideo, TheConfiguredOnSiteActionsNeedARecordingOrAnException) {
  AvSettings s;  // defaults: seizure, enforcement, questioning room, service by leaving
  EXPECT_TRUE(requires_av(s, "seizure", ""));
  EXPECT_TRUE(requires_av(s, "inquiry", record_variant("inquiry", json{{"room", true}})));
  EXPECT_FALSE(requires_av(s, "inquiry", record_variant("inquiry", json{{"room", false}})));
  EXPECT_TRUE(requires_av(s, "service", record_variant("service", json{{"method", "leave"}})));
  EXPECT_FALSE(requires_av(s, "service", record_variant("service", json{{"method", "mail"}})));
  std::vector<RecordAv> records{{1, "seizure", "", "查封仓库", false, false},
                                {2, "inspection", "", "现场检查", false, false}};
  auto blocked = check_av(s, records);
  EXPECT_FALSE(blocked.allowed);
  EXPECT_NE(blocked.reason.find("查封仓库"), std::string::npos);
  EXPECT_EQ(blocked.reason.find("现场检查"), std::string::npos);
  records[0].has_av = true;
  EXPECT_TRUE(check_av(s, records).allowed);
  records[0].has_av = false;
  records[0].exempted = true;
  EXPECT_TRUE(check_av(s, records).allowed);
  // A local list: every inspection too; unknown actions are refused.
  auto local = parse_av_settings(json{{"required", {"inspection", "seizure"}}});
  ASSERT_TRUE(local.ok());
  records[0].exempted = true;
  EXPECT_FALSE(check_av(*local, records).allowed);
  EXPECT_FALSE(parse_av_settings(json{{"required", {"dancing"}}}).ok());
}

}  // namespace
}  // namespace zhifa::domain
