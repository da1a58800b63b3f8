#include "platform/pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace zhifa::pdf {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 210 * kMm, kPageH = 297 * kMm;
// GB/T 9704-2012: top margin 37 mm, left 28 mm, text block 156 mm x 225 mm.
constexpr double kLeft = 28 * kMm, kTop = 37 * kMm, kTextW = 156 * kMm, kTextH = 225 * kMm;
constexpr double kBottom = kTop + kTextH;
constexpr double kCellPad = 2 * kMm;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct FontDesc {
  PangoFontDescription* d;
  explicit FontDesc(const std::string& spec)
      : d(pango_font_description_from_string(spec.c_str())) {}
  ~FontDesc() { pango_font_description_free(d); }
  FontDesc(const FontDesc&) = delete;
  FontDesc& operator=(const FontDesc&) = delete;
};

struct LayoutPtr {
  PangoLayout* l;
  explicit LayoutPtr(PangoLayout* p) : l(p) {}
  ~LayoutPtr() { g_object_unref(l); }
  LayoutPtr(const LayoutPtr&) = delete;
  LayoutPtr& operator=(const LayoutPtr&) = delete;
};

class Writer {
 public:
  Writer(cairo_t* cr, const Fonts& fonts)
      : cr_(cr),
        title_(fonts.title),
        heading_(fonts.heading),
        body_(fonts.body),
        table_(fonts.table) {}

  void block(const Block& b) {
    switch (b.kind) {
      case Block::Kind::kTitle:
        text(b.text, title_.d, PANGO_ALIGN_CENTER, 0, 8 * kMm);
        break;
      case Block::Kind::kHeading:
        text(b.text, heading_.d, PANGO_ALIGN_LEFT, 0, 2 * kMm);
        break;
      case Block::Kind::kParagraph:
        text(b.text, body_.d, PANGO_ALIGN_LEFT, 2, 2 * kMm);  // first line indented two characters
        break;
      case Block::Kind::kRight:
        text(b.text, body_.d, PANGO_ALIGN_RIGHT, 0, 1 * kMm);
        break;
      case Block::Kind::kSpace:
        y_ += 6 * kMm;
        break;
      case Block::Kind::kTable:
        table(b);
        break;
    }
  }

  void finish() { footer(); }

 private:
  PangoLayout* layout(const std::string& s, PangoFontDescription* font, double width,
                      PangoAlignment align) {
    PangoLayout* l = pango_cairo_create_layout(cr_);
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
    return l;
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
  }

  void footer() {
    if (footer_done_ == page_) return;
    footer_done_ = page_;
    std::string s = "— " + std::to_string(page_) + " —";
    LayoutPtr l(layout(s, table_.d, kTextW, PANGO_ALIGN_CENTER));
    cairo_move_to(cr_, kLeft, kBottom + 10 * kMm);
    pango_cairo_show_layout(cr_, l.l);
  }

  // Lays text out line by line so a long paragraph flows onto the next page.
  void text(const std::string& s, PangoFontDescription* font, PangoAlignment align,
            int indent_chars, double after) {
    LayoutPtr l(layout(s, font, kTextW, align));
    if (indent_chars > 0) {
      int size = pango_font_description_get_size(font);
      pango_layout_set_indent(l.l, indent_chars * size);
    }
    pango_layout_set_spacing(l.l, static_cast<int>(3 * kMm * PANGO_SCALE));
    PangoLayoutIter* it = pango_layout_get_iter(l.l);
    do {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double h = static_cast<double>(logical.height) / PANGO_SCALE + 3 * kMm;
      if (y_ + h > kBottom) new_page();
      double x = kLeft + static_cast<double>(logical.x) / PANGO_SCALE;
      double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
      cairo_move_to(cr_, x, y_ + baseline);
      pango_cairo_show_layout_line(cr_, line);
      y_ += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ += after;
  }

  void table(const Block& b) {
    if (b.rows.empty()) return;
    std::size_t cols = 0;
    for (const auto& r : b.rows) cols = std::max(cols, r.size());
    std::vector<double> widths = b.widths;
    widths.resize(cols, widths.empty() ? 1.0 : widths.back());
    double sum = std::accumulate(widths.begin(), widths.end(), 0.0);
    for (auto& w : widths) w = w / sum * kTextW;

    auto row_height = [&](const std::vector<std::string>& row, bool header,
                          std::vector<std::unique_ptr<LayoutPtr>>& out) {
      double h = 0;
      out.clear();
      for (std::size_t c = 0; c < cols; ++c) {
        const std::string& s = c < row.size() ? row[c] : std::string();
        auto* l = layout(s, header ? heading_small() : table_.d, widths[c] - 2 * kCellPad,
                         header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
        int pw = 0, ph = 0;
        pango_layout_get_pixel_size(l, &pw, &ph);
        h = std::max(h, static_cast<double>(ph) + 2 * kCellPad);
        out.push_back(std::make_unique<LayoutPtr>(l));
      }
      return h;
    };
    auto draw_row = [&](std::vector<std::unique_ptr<LayoutPtr>>& cells, double h) {
      double x = kLeft;
      cairo_set_line_width(cr_, 0.6);
      for (std::size_t c = 0; c < cols; ++c) {
        cairo_rectangle(cr_, x, y_, widths[c], h);
        cairo_stroke(cr_);
        cairo_move_to(cr_, x + kCellPad, y_ + kCellPad);
        pango_cairo_show_layout(cr_, cells[c]->l);
        x += widths[c];
      }
      y_ += h;
    };

    std::vector<std::unique_ptr<LayoutPtr>> header, cells;
    double header_h = row_height(b.rows[0], true, header);
    if (y_ + header_h > kBottom) new_page();
    draw_row(header, header_h);
    for (std::size_t r = 1; r < b.rows.size(); ++r) {
      double h = row_height(b.rows[r], false, cells);
      if (y_ + h > kBottom) {
        new_page();
        header_h = row_height(b.rows[0], true, header);
        draw_row(header, header_h);
      }
      draw_row(cells, h);
    }
    y_ += 4 * kMm;
  }

  PangoFontDescription* heading_small() {
    if (!heading_small_) {
      heading_small_ = pango_font_description_copy(table_.d);
      pango_font_description_set_weight(heading_small_, PANGO_WEIGHT_BOLD);
    }
    return heading_small_;
  }

 public:
  ~Writer() {
    if (heading_small_) pango_font_description_free(heading_small_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

 private:
  cairo_t* cr_;
  FontDesc title_, heading_, body_, table_;
  PangoFontDescription* heading_small_ = nullptr;
  double y_ = kTop;
  int page_ = 1;
  int footer_done_ = 0;
};

}  // namespace

Result<std::string> render(const Document& doc, const Fonts& fonts) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageW, kPageH);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Error::internal("cannot create a PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Zhifa");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  {
    Writer w(cr, fonts);
    for (const auto& b : doc.blocks) w.block(b);
    w.finish();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return Error::internal("cannot write the PDF");
  return out;
}

Result<std::string> render_png(const std::vector<std::string>& lines, int width, int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Error::internal("cannot create an image surface");
  }
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.86, 0.88, 0.84);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.45, 0.47, 0.44);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 12, 12, width - 24, height - 24);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    FontDesc font("Noto Sans CJK SC " + std::to_string(std::max(10, height / 22)));
    pango_layout_set_font_description(layout.l, font.d);
    pango_layout_set_width(layout.l, (width - 80) * PANGO_SCALE);
    pango_layout_set_alignment(layout.l, PANGO_ALIGN_CENTER);
    std::string text;
    for (const auto& l : lines) text += (text.empty() ? "" : "\n") + l;
    pango_layout_set_text(layout.l, text.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.l, &w, &h);
    cairo_move_to(cr, 40, (height - h) / 2.0);
    pango_cairo_show_layout(cr, layout.l);
  }
  cairo_destroy(cr);
  std::string out;
  cairo_status_t status = cairo_surface_write_to_png_stream(surface, append, &out);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return Error::internal("cannot write the PNG");
  return out;
}

}  // namespace zhifa::pdf
