#include "modules/people/training.hpp"

#include <map>

#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/import_sheet.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/org/org_repo.hpp"

namespace zhifa::modules::people {
namespace {

struct CategoryDef {
  std::string_view key, label;
};
constexpr CategoryDef kCategories[] = {
    {"legal", "法律知识"}, {"professional", "业务知识"}, {"skills", "执法技能"}};

std::string category_label(const std::string& key) {
  for (const auto& c : kCategories) {
    if (c.key == key) return std::string(c.label);
  }
  return key;
}

constexpr const char* kSelect =
    "SELECT t.id, t.title, t.org_id, o.name, t.category, t.start_date, t.end_date, t.year, "
    "t.hours, (SELECT COUNT(*) FROM training_attendance a WHERE a.class_id = t.id)";
constexpr const char* kFrom = " FROM training_classes t JOIN orgs o ON o.id = t.org_id";

nlohmann::json class_json(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"title", r.str(1)},
          {"org_id", r.i64(2)},
          {"org_name", r.str(3)},
          {"category", r.str(4)},
          {"category_label", category_label(r.str(4))},
          {"start_date", r.str(5)},
          {"end_date", r.str(6)},
          {"year", r.i64(7)},
          {"hours", static_cast<double>(r.i64(8)) / 10.0},
          {"attendee_count", r.i64(9)}};
}

std::optional<db::Rows> find_class(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "t.created_by");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows =
      tx.query(std::string(kSelect) + kFrom + " WHERE " + cond.sql + " AND t.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return rows;
}

// Officers in scope with their hours in a year: "SELECT ... FROM ... WHERE ..." and its params.
std::string report_from(const domain::Scope& scope, db::Tx& tx, int year,
                        std::optional<std::int64_t> org_id, bool below, std::int64_t min_tenths,
                        db::Params& params) {
  auto cond = org_scope(scope, "o", "");
  params.emplace_back(static_cast<std::int64_t>(year));
  std::string sql =
      " FROM officers f JOIN orgs o ON o.id = f.org_id LEFT JOIN (SELECT a.officer_id, "
      "SUM(a.hours) AS hours FROM training_attendance a JOIN training_classes t ON t.id = "
      "a.class_id WHERE t.year = ? GROUP BY a.officer_id) h ON h.officer_id = f.id WHERE "
      "f.status = 'active' AND " +
      cond.sql;
  params.insert(params.end(), cond.params.begin(), cond.params.end());
  if (org_id) {
    auto o = org::find(tx, *org_id);
    std::string path = o ? o->path : "/none/";
    sql += " AND substr(o.path, 1, ?) = ?";
    params.emplace_back(static_cast<std::int64_t>(path.size()));
    params.emplace_back(path);
  }
  if (below) {
    sql += " AND COALESCE(h.hours, 0) < ?";
    params.emplace_back(min_tenths);
  }
  return sql;
}

}  // namespace

int TrainingService::current_year() const {
  return domain::year_of(domain::shanghai_date(env_.now()));
}

nlohmann::json TrainingService::list(const domain::Scope& scope, std::optional<int> year,
                                     std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  auto cond = org_scope(scope, "o", "t.created_by");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  if (year) {
    where += " AND t.year = ?";
    params.emplace_back(static_cast<std::int64_t>(*year));
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, kSelect, std::string(kFrom) + where,
                           " ORDER BY t.start_date DESC, t.id DESC", params, size,
                           (page - 1) * size, total)) {
    items.push_back(class_json(r));
  }
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> TrainingService::create(const domain::Scope& scope, const NewTraining& in) {
  bool known = false;
  for (const auto& c : kCategories) known = known || c.key == in.category;
  if (!known) {
    return Error::invalid("training.category", "培训类别应为法律知识、业务知识或执法技能",
                          "category must be legal, professional or skills", "category");
  }
  if (auto ok = domain::check_date(in.start_date, "start_date"); !ok) return ok.error();
  if (auto ok = domain::check_date(in.end_date, "end_date"); !ok) return ok.error();
  if (in.end_date < in.start_date) {
    return Error::invalid("training.dates", "结束日期不能早于开始日期",
                          "end_date is before start_date", "end_date");
  }
  if (domain::year_of(in.start_date) != domain::year_of(in.end_date)) {
    return Error::invalid("training.dates", "一期培训不能跨年度(学时按年度统计)",
                          "a class cannot span two years (hours count per year)", "end_date");
  }
  if (in.hours_tenths <= 0) {
    return Error::invalid("training.hours", "学时应大于 0", "hours must be positive", "hours");
  }
  std::int64_t now = env_.now();
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    std::int64_t tid = tx.insert(
        "INSERT INTO training_classes (org_id, title, category, start_date, end_date, year, "
        "hours, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {scope.org_id, in.title, in.category, in.start_date, in.end_date,
         static_cast<std::int64_t>(domain::year_of(in.start_date)), in.hours_tenths, now,
         scope.user_id});
    record(tx, &scope, now, scope.org_id, "training", std::to_string(tid), "training.created",
           {{"title", in.title},
            {"category", in.category},
            {"start_date", in.start_date},
            {"end_date", in.end_date},
            {"hours", tenths_text(in.hours_tenths)}});
    return tid;
  });
  if (!id) return id.error();
  return get(scope, *id);
}

Result<nlohmann::json> TrainingService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto rows = find_class(*tx, scope, id);
  if (!rows) return Error::not_found("培训", "training class");
  nlohmann::json j = class_json((*rows)[0]);
  nlohmann::json list = nlohmann::json::array();
  for (auto r : tx->query("SELECT a.officer_id, f.name, o.name, a.hours, f.id_number_masked FROM "
                          "training_attendance a JOIN officers f ON f.id = a.officer_id JOIN orgs "
                          "o ON o.id = f.org_id WHERE a.class_id = ? ORDER BY o.code, f.id",
                          {id})) {
    list.push_back({{"officer_id", r.i64(0)},
                    {"officer_name", r.str(1)},
                    {"org_name", r.str(2)},
                    {"hours", static_cast<double>(r.i64(3)) / 10.0},
                    {"id_number_masked", r.str(4)}});
  }
  j["attendees"] = list;
  return j;
}

Table TrainingService::attendance_template() {
  return {{{"姓名", 12}, {"身份证号码", 22}, {"学时", 8, true}}, {}};
}

Result<nlohmann::json> TrainingService::import_attendance(const domain::Scope& scope,
                                                          std::int64_t id, std::string_view bytes) {
  auto sheet = ImportSheet::open(bytes, {"姓名", "身份证号码", "学时"});
  if (!sheet) return sheet.error();
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    auto rows = find_class(tx, scope, id);
    if (!rows) return Error::not_found("培训", "training class");
    std::int64_t class_hours = (*rows)[0].i64(8);
    RowErrors errors;
    std::map<std::int64_t, int> seen;
    std::vector<std::pair<std::int64_t, std::int64_t>> add;  // officer, tenths
    auto cond = org_scope(scope, "o", "");
    for (const auto& row : sheet->rows()) {
      int n = row.excel_row;
      std::string name = sheet->cell(row, "姓名");
      std::string idn = sheet->cell(row, "身份证号码");
      std::string hours_text = sheet->cell(row, "学时");
      if (!idn.empty() && idn.back() == 'x') idn.back() = 'X';
      auto info = domain::parse_id_number(idn, "id_number");
      if (!info) {
        errors.add(n, "身份证号码", info.error().message_zh, info.error().message_en);
        continue;
      }
      db::Params params = {env_.cipher->blind_index(idn)};
      params.insert(params.end(), cond.params.begin(), cond.params.end());
      auto found = tx.query(
          "SELECT f.id, f.name FROM officers f JOIN orgs o ON o.id = f.org_id WHERE "
          "f.id_number_index = ? AND " +
              cond.sql,
          params);
      if (found.empty()) {
        errors.add(n, "身份证号码", "没有该身份证号码的执法人员(或不在本账号管辖范围内)",
                   "no officer with this ID number in your scope");
        continue;
      }
      std::int64_t oid = found[0].i64(0);
      if (found[0].str(1) != name) {
        errors.add(n, "姓名",
                   "姓名“" + name + "”与身份证号码对应的人员“" + found[0].str(1) + "”不一致",
                   "name does not match the officer with this ID number");
      }
      auto [it, fresh] = seen.emplace(oid, n);
      if (!fresh) {
        errors.add(n, "身份证号码", "与第 " + std::to_string(it->second) + " 行是同一人",
                   "same person as row " + std::to_string(it->second));
      }
      auto hours = parse_tenths(hours_text);
      if (!hours || *hours <= 0) {
        errors.add(n, "学时", "学时“" + hours_text + "”应为大于 0 的数字(最多一位小数)",
                   "hours must be a positive number with at most one decimal");
      } else if (*hours > class_hours) {
        errors.add(n, "学时",
                   "学时 " + hours_text + " 超过本期培训的 " + tenths_text(class_hours) + " 学时",
                   "hours exceed the class hours");
      } else if (tx.scalar_i64("SELECT COUNT(*) FROM training_attendance WHERE class_id = ? AND "
                               "officer_id = ?",
                               {id, oid}) > 0) {
        errors.add(n, "身份证号码", found[0].str(1) + " 已登记过本期培训学时",
                   "attendance already recorded for this officer");
      } else {
        add.emplace_back(oid, *hours);
      }
    }
    if (!errors.empty()) return errors.to_error();
    for (const auto& [oid, tenths] : add) {
      tx.exec(
          "INSERT INTO training_attendance (class_id, officer_id, hours, created_at) VALUES (?, ?, "
          "?, ?)",
          {id, oid, tenths, now});
    }
    record(tx, &scope, now, (*rows)[0].i64(2), "training", std::to_string(id),
           "training.attendance_imported", {{"count", add.size()}});
    return static_cast<std::int64_t>(add.size());
  });
  if (!r) return r.error();
  return nlohmann::json{{"imported", *r}};
}

nlohmann::json TrainingService::hours_report(const domain::Scope& scope, int year,
                                             std::optional<std::int64_t> org_id, bool below,
                                             std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  std::int64_t min = static_cast<std::int64_t>(env_.config.people.training_min_hours) * 10;
  db::Params params;
  std::string from = report_from(scope, *tx, year, org_id, below, min, params);
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, "SELECT f.id, f.name, o.name, COALESCE(h.hours, 0)", from,
                           " ORDER BY COALESCE(h.hours, 0), o.code, f.id", params, size,
                           (page - 1) * size, total)) {
    std::int64_t h = r.i64(3);
    items.push_back({{"officer_id", r.i64(0)},
                     {"officer_name", r.str(1)},
                     {"org_name", r.str(2)},
                     {"hours", static_cast<double>(h) / 10.0},
                     {"missing", static_cast<double>(h < min ? min - h : 0) / 10.0}});
  }
  return {{"items", items},
          {"total", total},
          {"year", year},
          {"min_hours", env_.config.people.training_min_hours}};
}

Table TrainingService::hours_report_table(const domain::Scope& scope, int year,
                                          std::optional<std::int64_t> org_id, bool below) {
  auto tx = env_.db->read();
  std::int64_t min = static_cast<std::int64_t>(env_.config.people.training_min_hours) * 10;
  db::Params params;
  std::string from = report_from(scope, *tx, year, org_id, below, min, params);
  std::int64_t total = 0;
  Table t;
  t.first = {{"姓名", 12},
             {"执法主体", 36},
             {std::to_string(year) + "年学时", 12, true},
             {"差额学时", 12, true}};
  for (auto r :
       fetch_page(*tx, "SELECT f.id, f.name, o.name, COALESCE(h.hours, 0)", from,
                  " ORDER BY COALESCE(h.hours, 0), o.code, f.id", params, 1'000'000, 0, total)) {
    std::int64_t h = r.i64(3);
    t.second.push_back({r.str(1), r.str(2), tenths_text(h), tenths_text(h < min ? min - h : 0)});
  }
  return t;
}

}  // namespace zhifa::modules::people
