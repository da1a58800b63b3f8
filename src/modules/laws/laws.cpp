#include "modules/laws/laws.hpp"

#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "platform/embedded.hpp"

namespace zhifa::modules::laws {
namespace {

// Regulations of the State Council are named 条例 / 规定 / 办法; laws of the NPC Standing
// Committee are 法.
std::pair<std::string, std::string> level_of(const std::string& title) {
  if (title.ends_with("条例") || title.ends_with("规定") || title.ends_with("办法")) {
    return {"regulation", "国务院"};
  }
  return {"law", "全国人民代表大会常务委员会"};
}

}  // namespace

Result<std::int64_t> store(db::Tx& tx, const domain::LawText& law, const LawMeta& meta,
                           std::int64_t now, std::optional<std::int64_t> by) {
  if (tx.scalar_i64("SELECT COUNT(*) FROM laws WHERE title = ? AND version_date = ?",
                    {law.title, meta.version_date}) > 0) {
    return Error::conflict("law.duplicate", "该法律法规的此版本已在库中: " + law.title,
                           "this version of the law is already in the library", "title");
  }
  auto [level, issuer] = level_of(law.title);
  std::int64_t id = tx.insert(
      "INSERT INTO laws (title, short_title, level, issuer, version_date, field, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {law.title, meta.short_title, level, issuer, meta.version_date, meta.field, now, by});
  for (const auto& a : law.articles) {
    tx.exec(
        "INSERT INTO law_articles (law_id, number, label, chapter, text) VALUES (?, ?, ?, ?, ?)",
        {id, static_cast<std::int64_t>(a.number), a.label, a.chapter, a.text});
  }
  return id;
}

Result<int> load_embedded(db::Tx& tx, std::int64_t now) {
  auto index_text = embedded::file("data/laws/index.json");
  if (!index_text) return Error::internal("data/laws/index.json missing from the binary");
  auto index = nlohmann::json::parse(*index_text);
  int n = 0;
  for (const auto& l : index.at("laws")) {
    auto text = embedded::file("data/laws/" + l.at("file").get<std::string>());
    if (!text) return Error::internal("law text missing from the binary");
    auto law = domain::parse_law_markdown(*text);
    if (!law) return law.error();
    auto id =
        store(tx, *law, {l.at("short"), l.at("version_date"), l.at("field")}, now, std::nullopt);
    if (!id) return id.error();
    ++n;
  }
  return n;
}

nlohmann::json LawService::list(const std::optional<std::string>& q,
                                const std::optional<std::string>& field) {
  auto tx = env_.db->read();
  std::string sql =
      "SELECT l.id, l.title, l.short_title, l.level, l.issuer, l.version_date, l.field, (SELECT "
      "COUNT(*) FROM law_articles a WHERE a.law_id = l.id) FROM laws l WHERE 1=1";
  db::Params params;
  if (q && !q->empty()) {
    sql += " AND " + sql_contains(*tx, "l.title");
    params.emplace_back(*q);
  }
  if (field && !field->empty()) {
    sql += " AND l.field = ?";
    params.emplace_back(*field);
  }
  nlohmann::json items = nlohmann::json::array();
  for (auto r : tx->query(sql + " ORDER BY l.level, l.id", params)) {
    items.push_back({{"id", r.i64(0)},
                     {"title", r.str(1)},
                     {"short_title", r.str(2)},
                     {"level", r.str(3)},
                     {"level_label", r.str(3) == "law" ? "法律" : "行政法规"},
                     {"issuer", r.str(4)},
                     {"version_date", r.str(5)},
                     {"field", r.str(6)},
                     {"article_count", r.i64(7)}});
  }
  return {{"items", items}, {"total", items.size()}};
}

Result<nlohmann::json> LawService::get(std::int64_t id) {
  auto tx = env_.db->read();
  auto rows = tx->query(
      "SELECT id, title, short_title, level, issuer, version_date, field FROM laws WHERE id = ?",
      {id});
  if (rows.empty()) return Error::not_found("法律法规", "law");
  auto r = rows[0];
  nlohmann::json articles = nlohmann::json::array();
  for (auto a : tx->query(
           "SELECT number, label, chapter, text FROM law_articles WHERE law_id = ? ORDER BY number",
           {id})) {
    articles.push_back(
        {{"number", a.i64(0)}, {"label", a.str(1)}, {"chapter", a.str(2)}, {"text", a.str(3)}});
  }
  return nlohmann::json{{"id", r.i64(0)},
                        {"title", r.str(1)},
                        {"short_title", r.str(2)},
                        {"level", r.str(3)},
                        {"level_label", r.str(3) == "law" ? "法律" : "行政法规"},
                        {"issuer", r.str(4)},
                        {"version_date", r.str(5)},
                        {"field", r.str(6)},
                        {"articles", articles}};
}

nlohmann::json LawService::search_articles(const std::string& q, std::optional<std::int64_t> law_id,
                                           std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  std::string from =
      " FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE " + sql_contains(*tx, "a.text");
  db::Params params = {q};
  if (law_id) {
    from += " AND a.law_id = ?";
    params.emplace_back(*law_id);
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, "SELECT l.id, l.title, a.number, a.label, a.chapter, a.text", from,
                           " ORDER BY l.id, a.number", params, size, (page - 1) * size, total)) {
    items.push_back({{"law_id", r.i64(0)},
                     {"law_title", r.str(1)},
                     {"number", r.i64(2)},
                     {"label", r.str(3)},
                     {"chapter", r.str(4)},
                     {"text", r.str(5)},
                     {"citation", "《" + r.str(1) + "》" + r.str(3)}});
  }
  return {{"items", items}, {"total", total}};
}

}  // namespace zhifa::modules::laws
