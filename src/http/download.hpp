// Responses that are files to save or print: Excel exports and PDF documents. The file name is
// Chinese, so it goes out both as an ASCII fallback and RFC 6266/5987 UTF-8 (filename*).
#pragma once

#include <string>
#include <vector>

#include "http/types.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::http {

// `filename` without directory, e.g. "执法人员.xlsx"; `inline_view` lets the browser show it
// (PDF preview) instead of saving it.
Response file_download(std::string bytes, std::string content_type, const std::string& filename,
                       bool inline_view = false);

// One worksheet as an attachment named `<title>.xlsx`.
Response xlsx_download(const std::string& title, const std::vector<xlsx::Column>& columns,
                       const std::vector<std::vector<std::string>>& rows);

// True when the request asks for the Excel form of a list (?format=xlsx); any other format is
// refused.
bool wants_xlsx(const Request& req);

}  // namespace zhifa::http
