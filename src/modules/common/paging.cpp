#include "modules/common/paging.hpp"

namespace zhifa::modules {

db::Rows fetch_page(db::Tx& tx, const std::string& select, const std::string& from_where,
                    const std::string& order_by, const db::Params& params, std::int64_t limit,
                    std::int64_t offset, std::int64_t& total) {
  return fetch_page(tx, select, {}, from_where, order_by, params, limit, offset, total);
}

db::Rows fetch_page(db::Tx& tx, const std::string& select, const db::Params& select_params,
                    const std::string& from_where, const std::string& order_by,
                    const db::Params& params, std::int64_t limit, std::int64_t offset,
                    std::int64_t& total, const std::string& count_from_where) {
  db::Params page_params = select_params;
  page_params.insert(page_params.end(), params.begin(), params.end());
  page_params.emplace_back(limit);
  page_params.emplace_back(offset);
  db::Rows rows = tx.query(select + from_where + order_by + " LIMIT ? OFFSET ?", page_params);
  auto n = static_cast<std::int64_t>(rows.size());
  if (offset == 0 && n < limit) {
    total = n;
  } else {
    total = tx.scalar_i64(
        "SELECT COUNT(*)" + (count_from_where.empty() ? from_where : count_from_where), params);
  }
  return rows;
}

}  // namespace zhifa::modules
