// Exam sessions (执法资格考试, DOMAIN.md §2): the public legal knowledge exam, held
// `exam_sessions_per_year` times a year by a justice bureau. Officers whose certificate is
// `applied` are registered as candidates and get a ticket number; the score sheet comes back as
// XLSX and is imported all or nothing; each score moves the certificate to exam_passed or
// exam_failed; those who passed get their certificates issued in bulk, numbered and valid for
// `certificate_valid_years`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::people {

struct NewExam {
  std::string name;
  std::string exam_date;
  std::optional<std::int64_t> pass_mark_tenths;  // default: the setting
};

class ExamService {
 public:
  explicit ExamService(app::Env& env) : env_(env) {}

  nlohmann::json list(const domain::Scope& scope, std::optional<int> year, std::int64_t page,
                      std::int64_t size);
  Result<nlohmann::json> create(const domain::Scope& scope, const NewExam& in);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> add_candidates(const domain::Scope& scope, std::int64_t id,
                                        const std::vector<std::int64_t>& officer_ids);
  // The sheet to fill in: 准考证号, 姓名, 执法主体, 成绩 (scores already imported are shown).
  Result<std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>> score_sheet(
      const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> import_scores(const domain::Scope& scope, std::int64_t id,
                                       std::string_view xlsx_bytes);
  Result<nlohmann::json> issue(const domain::Scope& scope, std::int64_t id,
                               std::optional<std::string> valid_from);
  Result<nlohmann::json> close(const domain::Scope& scope, std::int64_t id);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
