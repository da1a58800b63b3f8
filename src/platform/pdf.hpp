// Printable official documents (文书) as PDF, drawn with cairo + pango (DESIGN.md: libharu draws
// Chinese glyphs blank). A document is a list of blocks laid out on A4 pages with the margins of
// GB/T 9704 (party and government official documents): titles, paragraphs, right-aligned lines
// (issuer and date) and tables whose header row repeats on every page. Fonts are settings; the
// defaults are the Noto CJK faces Debian ships (fonts-noto-cjk) standing in for 小标宋/仿宋/黑体.
#pragma once

#include <string>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::pdf {

struct Fonts {
  std::string title = "Noto Serif CJK SC Bold 20";   // 小标宋 二号
  std::string heading = "Noto Sans CJK SC Bold 14";  // 黑体 三号
  std::string body = "Noto Serif CJK SC 14";         // 仿宋 三号 (slightly smaller: tables)
  std::string table = "Noto Serif CJK SC 10.5";
};

struct Block {
  enum class Kind { kTitle, kHeading, kParagraph, kRight, kTable, kSpace };
  Kind kind = Kind::kParagraph;
  std::string text;  // plain text (not markup)
  // kTable: the first row is the header; widths are relative (empty: equal columns).
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;

  static Block title(std::string t) { return {Kind::kTitle, std::move(t), {}, {}}; }
  static Block heading(std::string t) { return {Kind::kHeading, std::move(t), {}, {}}; }
  static Block paragraph(std::string t) { return {Kind::kParagraph, std::move(t), {}, {}}; }
  static Block right(std::string t) { return {Kind::kRight, std::move(t), {}, {}}; }
  static Block space() { return {Kind::kSpace, {}, {}, {}}; }
  static Block table(std::vector<std::vector<std::string>> rows, std::vector<double> widths = {}) {
    return {Kind::kTable, {}, std::move(rows), std::move(widths)};
  }
};

struct Document {
  std::string title;   // PDF metadata
  std::string author;  // PDF metadata: the issuing body
  std::vector<Block> blocks;
};

// The PDF bytes, or an internal error when cairo fails.
Result<std::string> render(const Document& doc, const Fonts& fonts = {});

// A PNG picture of `width` x `height` pixels: a plain background with `lines` of text centred on it
// (the demo's stand-in for a scene photo; a real photo comes from a camera).
Result<std::string> render_png(const std::vector<std::string>& lines, int width, int height);

}  // namespace zhifa::pdf
