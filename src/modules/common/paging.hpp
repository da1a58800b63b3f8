// One page of a list query and the total number of matching rows. The total costs nothing extra
// when the first page is not full (it is then the page's size); otherwise a COUNT query runs.
#pragma once

#include <string>

#include "db/db.hpp"

namespace zhifa::modules {

// `select` is "SELECT <columns>", `from_where` is " FROM ... WHERE ..." (with its params),
// `order_by` is " ORDER BY ...".
db::Rows fetch_page(db::Tx& tx, const std::string& select, const std::string& from_where,
                    const std::string& order_by, const db::Params& params, std::int64_t limit,
                    std::int64_t offset, std::int64_t& total);

// The same when the select list itself has `?` parameters (they come first), and optionally a
// cheaper FROM ... WHERE for the count (without the joins that only serve the columns; the
// same params).
db::Rows fetch_page(db::Tx& tx, const std::string& select, const db::Params& select_params,
                    const std::string& from_where, const std::string& order_by,
                    const db::Params& params, std::int64_t limit, std::int64_t offset,
                    std::int64_t& total, const std::string& count_from_where = {});

}  // namespace zhifa::modules
