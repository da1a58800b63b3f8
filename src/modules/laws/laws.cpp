#include "modules/laws/laws.hpp"

#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
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

struct LevelDef {
  std::string_view key, label;
};
constexpr LevelDef kLevels[] = {{"law", "法律"},
                                {"regulation", "行政法规"},
                                {"local", "地方性法规"},
                                {"rule", "规章"},
                                {"normative", "规范性文件"}};

std::string level_label(std::string_view key) {
  for (const auto& l : kLevels) {
    if (l.key == key) return std::string(l.label);
  }
  return std::string(key);
}

constexpr const char* kArticleSelect =
    "SELECT a.id, l.id, l.title, l.short_title, a.label, a.text, l.effective_date FROM "
    "law_articles "
    "a JOIN laws l ON l.id = a.law_id ";

ArticleRef to_ref(const db::Row& r, const std::string& clause) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), clause, r.str(5), r.str(6)};
}

}  // namespace

Result<ArticleRef> article_ref(db::Tx& tx, std::int64_t article_id, const std::string& clause,
                               const std::string& field) {
  auto rows = tx.query(std::string(kArticleSelect) + "WHERE a.id = ?", {article_id});
  if (rows.empty()) {
    return Error::invalid("matter.article_unknown",
                          "引用的条文(编号 " + std::to_string(article_id) + ")不在法律法规库中",
                          "the cited article is not in the library", field);
  }
  return to_ref(rows[0], clause);
}

Result<ArticleRef> resolve(db::Tx& tx, const domain::CitationRef& c, const std::string& field) {
  std::string title = c.law;
  const std::string prc = "中华人民共和国";
  std::string bare = title.starts_with(prc) ? title.substr(prc.size()) : title;
  auto laws = tx.query(
      "SELECT id FROM laws WHERE title = ? OR title = ? OR short_title = ? ORDER BY "
      "effective_date DESC, id DESC",
      {title, prc + bare, bare});
  if (laws.empty()) {
    return Error::invalid("matter.article_unknown",
                          "法律法规库中没有《" + c.law + "》(引用“" + c.text + "”)",
                          "the library has no law named " + c.law, field);
  }
  auto rows = tx.query(std::string(kArticleSelect) + "WHERE a.law_id = ? AND a.number = ?",
                       {laws[0].i64(0), static_cast<std::int64_t>(c.article)});
  if (rows.empty()) {
    return Error::invalid(
        "matter.article_unknown",
        "《" + c.law + "》没有第" + domain::chinese_numeral(c.article) + "条(引用“" + c.text + "”)",
        "the law has no such article", field);
  }
  return to_ref(rows[0], c.clause);
}

nlohmann::json article_json(const ArticleRef& a, bool with_text) {
  nlohmann::json j = {{"article_id", a.article_id}, {"law_id", a.law_id},
                      {"law_title", a.law_title},   {"law_short", a.law_short},
                      {"label", a.label},           {"clause", a.clause},
                      {"citation", a.citation()}};
  if (with_text) j["text"] = a.text;
  return j;
}

Result<std::int64_t> store(db::Tx& tx, const domain::LawText& law, const LawMeta& meta,
                           std::int64_t now, std::optional<std::int64_t> by) {
  if (tx.scalar_i64("SELECT COUNT(*) FROM laws WHERE title = ? AND version_date = ?",
                    {law.title, meta.version_date}) > 0) {
    return Error::conflict("law.duplicate", "该法律法规的此版本已在库中: " + law.title,
                           "this version of the law is already in the library", "title");
  }
  auto [level, issuer] = level_of(law.title);
  std::int64_t id = tx.insert(
      "INSERT INTO laws (title, short_title, level, issuer, version_date, effective_date, field, "
      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {law.title, meta.short_title, level, issuer, meta.version_date, meta.version_date, meta.field,
       now, by});
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
      "COUNT(*) FROM law_articles a WHERE a.law_id = l.id), l.effective_date FROM laws l WHERE "
      "1=1";
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
                     {"level_label", level_label(r.str(3))},
                     {"issuer", r.str(4)},
                     {"version_date", r.str(5)},
                     {"effective_date", r.str(8)},
                     {"field", r.str(6)},
                     {"article_count", r.i64(7)}});
  }
  return {{"items", items}, {"total", items.size()}};
}

Result<nlohmann::json> LawService::get(std::int64_t id) {
  auto tx = env_.db->read();
  auto rows = tx->query(
      "SELECT id, title, short_title, level, issuer, version_date, field, effective_date FROM laws "
      "WHERE id = ?",
      {id});
  if (rows.empty()) return Error::not_found("法律法规", "law");
  auto r = rows[0];
  nlohmann::json articles = nlohmann::json::array();
  for (auto a : tx->query(
           "SELECT number, label, chapter, text, id FROM law_articles WHERE law_id = ? ORDER BY "
           "number",
           {id})) {
    articles.push_back({{"article_id", a.i64(4)},
                        {"number", a.i64(0)},
                        {"label", a.str(1)},
                        {"chapter", a.str(2)},
                        {"text", a.str(3)}});
  }
  return nlohmann::json{{"id", r.i64(0)},
                        {"title", r.str(1)},
                        {"short_title", r.str(2)},
                        {"level", r.str(3)},
                        {"level_label", level_label(r.str(3))},
                        {"issuer", r.str(4)},
                        {"version_date", r.str(5)},
                        {"effective_date", r.str(7)},
                        {"field", r.str(6)},
                        {"articles", articles}};
}

nlohmann::json LawService::search_articles(const std::string& q, std::optional<std::int64_t> law_id,
                                           std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  // A citation (《食品安全法》第一百二十二条) finds that article; other text is looked for in the
  // articles and in the laws' titles.
  std::string from;
  db::Params params;
  auto cites = domain::parse_citations(q);
  std::optional<ArticleRef> cited;
  if (cites && cites->size() == 1) {
    if (auto ref = resolve(*tx, (*cites)[0], "q")) cited = *ref;
  }
  if (cited) {
    from = " FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?";
    params.emplace_back(cited->article_id);
  } else {
    from = " FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE (" +
           sql_contains(*tx, "a.text") + " OR " + sql_contains(*tx, "l.title") + ")";
    params = {q, q};
  }
  if (law_id) {
    from += " AND a.law_id = ?";
    params.emplace_back(*law_id);
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r :
       fetch_page(*tx, "SELECT l.id, l.title, a.number, a.label, a.chapter, a.text, a.id", from,
                  " ORDER BY l.id, a.number", params, size, (page - 1) * size, total)) {
    items.push_back({{"article_id", r.i64(6)},
                     {"law_id", r.i64(0)},
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

namespace zhifa::modules::laws {

Result<nlohmann::json> LawService::create(const domain::Scope& scope, const LawInput& in) {
  auto bad = [](std::string code, std::string zh, std::string en, std::string field) {
    return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
  };
  if (in.title.empty()) return bad("law.title", "请填写法律法规名称", "title is required", "title");
  if (in.short_title.empty()) {
    return bad("law.short_title", "请填写简称", "short title is required", "short_title");
  }
  bool level_ok = false;
  for (const auto& l : kLevels) level_ok = level_ok || l.key == in.level;
  if (!level_ok) {
    return bad("law.level", "效力层级应为法律、行政法规、地方性法规、规章或规范性文件",
               "unknown level", "level");
  }
  if (in.issuer.empty()) return bad("law.issuer", "请填写制定机关", "issuer is required", "issuer");
  if (auto ok = domain::check_date(in.version_date, "version_date"); !ok) return ok.error();
  if (auto ok = domain::check_date(in.effective_date, "effective_date"); !ok) return ok.error();
  if (in.field != "general" && !domain::is_known_field(in.field)) {
    return bad("law.field", "执法领域不存在", "unknown field", "field");
  }
  std::int64_t now = env_.now();
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    if (tx.scalar_i64("SELECT COUNT(*) FROM laws WHERE title = ? AND version_date = ?",
                      {in.title, in.version_date}) > 0) {
      return Error::conflict("law.exists", "该法律法规的此版本已在库中:" + in.title,
                             "this version of the law is already in the library", "title");
    }
    id = tx.insert(
        "INSERT INTO laws (title, short_title, level, issuer, version_date, effective_date, field, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {in.title, in.short_title, in.level, in.issuer, in.version_date, in.effective_date,
         in.field, now, scope.user_id});
    record(tx, &scope, now, scope.org_id, "law", std::to_string(id), "law.created",
           {{"title", in.title},
            {"version_date", in.version_date},
            {"effective_date", in.effective_date}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(id);
}

Result<nlohmann::json> LawService::put_article(const domain::Scope& scope, std::int64_t law_id,
                                               int number, const std::string& chapter,
                                               const std::string& text) {
  if (number < 1 || number > 9999) {
    return Error::invalid("law.article_number", "条文序号应在 1 至 9999 之间",
                          "article number must be 1..9999", "number");
  }
  if (text.empty()) return Error::invalid("law.text", "请填写条文内容", "text is required", "text");
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    if (tx.scalar_i64("SELECT COUNT(*) FROM laws WHERE id = ?", {law_id}) == 0) {
      return Error::not_found("法律法规", "law");
    }
    std::string label = "第" + domain::chinese_numeral(number) + "条";
    auto old = tx.query("SELECT id, text FROM law_articles WHERE law_id = ? AND number = ?",
                        {law_id, static_cast<std::int64_t>(number)});
    if (old.empty()) {
      tx.exec(
          "INSERT INTO law_articles (law_id, number, label, chapter, text) VALUES (?, ?, ?, ?, ?)",
          {law_id, static_cast<std::int64_t>(number), label, chapter, text});
    } else {
      tx.exec("UPDATE law_articles SET chapter = ?, text = ? WHERE id = ?",
              {chapter, text, old[0].i64(0)});
    }
    record(tx, &scope, now, scope.org_id, "law", std::to_string(law_id),
           old.empty() ? "law.article_added" : "law.article_changed",
           {{"number", number},
            {"label", label},
            {"text", text},
            {"before", old.empty() ? nlohmann::json() : nlohmann::json(old[0].str(1))}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(law_id);
}

}  // namespace zhifa::modules::laws
