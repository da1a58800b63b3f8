#include "http/download.hpp"

namespace zhifa::http {
namespace {

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

Response file_download(std::string bytes, std::string content_type, const std::string& filename,
                       bool inline_view) {
  Response r = Response::text(std::move(bytes), std::move(content_type));
  auto dot = filename.rfind('.');
  std::string ext = dot == std::string::npos ? "" : filename.substr(dot);
  r.set_header("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                          "; filename=\"download" + ext + "\"; filename*=UTF-8''" +
                                          percent_encode(filename));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response xlsx_download(const std::string& title, const std::vector<xlsx::Column>& columns,
                       const std::vector<std::vector<std::string>>& rows) {
  auto bytes = xlsx::write_sheet(title, columns, rows);
  if (!bytes) raise(bytes.error());
  return file_download(std::move(*bytes), std::string(xlsx::kContentType), title + ".xlsx");
}

bool wants_xlsx(const Request& req) {
  auto f = req.query_param("format");
  if (!f || f->empty() || *f == "json") return false;
  if (*f == "xlsx") return true;
  raise(Error::invalid("input.format", "不支持的导出格式: " + *f + "(可选 xlsx)",
                       "unsupported format (use xlsx)", "format"));
}

}  // namespace zhifa::http
