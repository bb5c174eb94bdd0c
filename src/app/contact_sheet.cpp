#include "app/contact_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <stb_truetype.h>

#include "app/png_file.hpp"
#include "core/text.hpp"
#include "ui/fonts.hpp"

namespace qmi::app {

namespace {

// Caption and title sizes, in sheet pixels: read on a desk screen, not from 2 m.
constexpr float kCaptionPx = 17;
constexpr float kTitlePx = 22;
constexpr int kGap = 12;        // between thumbnails and around the grid
constexpr int kBorder = 3;      // the red frame of a flagged thumbnail
constexpr unsigned char kInk[3] = {0x22, 0x22, 0x22};
constexpr unsigned char kRed[3] = {0xC0, 0x10, 0x10};

// Open Sans (DejaVu Sans when it is missing), read once; nullopt when neither font can be read (captions are then
// left out, the frames are still written).
class CaptionFont {
public:
    static const CaptionFont* get() {
        static const std::optional<CaptionFont> font = [] {
            std::optional<CaptionFont> f;
            for (const std::string& path : {ui::open_sans_files().regular, ui::dejavu_files().regular}) {
                std::ifstream in(path, std::ios::binary);
                std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                if (bytes.empty()) continue;
                f.emplace();
                f->bytes_ = std::move(bytes);
                if (stbtt_InitFont(&f->info_, f->bytes_.data(), stbtt_GetFontOffsetForIndex(f->bytes_.data(), 0)))
                    return f;
                f.reset();
            }
            return f;
        }();
        return font ? &*font : nullptr;
    }

    // Draws one line of UTF-8 `s` with its top at y, from x, in `color`, over an RGB image of width `w`.
    void draw(std::vector<unsigned char>& rgb, int w, int h, float x, int y, const std::string& s, float px,
              const unsigned char color[3]) const {
        const float scale = stbtt_ScaleForPixelHeight(&info_, px);
        int ascent = 0, descent = 0, gap = 0;
        stbtt_GetFontVMetrics(&info_, &ascent, &descent, &gap);
        const int baseline = y + static_cast<int>(std::lround(ascent * scale));
        int prev = 0;
        for (size_t i = 0; i < s.size();) {
            const int cp = static_cast<int>(next_code_point(s, i));
            if (prev) x += scale * stbtt_GetCodepointKernAdvance(&info_, prev, cp);
            int advance = 0, lsb = 0;
            stbtt_GetCodepointHMetrics(&info_, cp, &advance, &lsb);
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetCodepointBitmapBox(&info_, cp, scale, scale, &x0, &y0, &x1, &y1);
            const int gw = x1 - x0, gh = y1 - y0;
            if (gw > 0 && gh > 0) {
                std::vector<unsigned char> glyph(static_cast<size_t>(gw) * gh);
                stbtt_MakeCodepointBitmap(&info_, glyph.data(), gw, gh, gw, scale, scale, cp);
                const int ox = static_cast<int>(std::lround(x)) + x0, oy = baseline + y0;
                for (int gy = 0; gy < gh; ++gy)
                    for (int gx = 0; gx < gw; ++gx) {
                        const int px_x = ox + gx, px_y = oy + gy;
                        if (px_x < 0 || px_y < 0 || px_x >= w || px_y >= h) continue;
                        const unsigned a = glyph[static_cast<size_t>(gy) * gw + gx];
                        unsigned char* p = &rgb[(static_cast<size_t>(px_y) * w + px_x) * 3];
                        for (int c = 0; c < 3; ++c) p[c] = static_cast<unsigned char>((color[c] * a + p[c] * (255 - a)) / 255);
                    }
            }
            x += advance * scale;
            prev = cp;
        }
    }

    float line_height(float px) const {
        int ascent = 0, descent = 0, gap = 0;
        stbtt_GetFontVMetrics(&info_, &ascent, &descent, &gap);
        return (ascent - descent + gap) * stbtt_ScaleForPixelHeight(&info_, px);
    }

private:
    std::vector<unsigned char> bytes_;
    stbtt_fontinfo info_{};
};

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) out.push_back(s.substr(start, nl - start));
    out.push_back(s.substr(start));
    return out;
}

void fill_rect(std::vector<unsigned char>& rgb, int w, int h, int x0, int y0, int x1, int y1, const unsigned char c[3]) {
    for (int y = std::max(0, y0); y < std::min(h, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(w, x1); ++x) std::copy(c, c + 3, &rgb[(static_cast<size_t>(y) * w + x) * 3]);
}

void outline(std::vector<unsigned char>& rgb, int w, int h, int x0, int y0, int x1, int y1, int t,
             const unsigned char c[3]) {
    fill_rect(rgb, w, h, x0, y0, x1, y0 + t, c);
    fill_rect(rgb, w, h, x0, y1 - t, x1, y1, c);
    fill_rect(rgb, w, h, x0, y0, x0 + t, y1, c);
    fill_rect(rgb, w, h, x1 - t, y0, x1, y1, c);
}

}  // namespace

ContactSheet::ContactSheet(std::string title, int thumb_width, int columns)
    : title_(std::move(title)), thumb_width_(std::max(16, thumb_width)), columns_(std::max(1, columns)) {}

void ContactSheet::add(const sf::Image& image, std::string caption, const std::vector<ui::Rect>& marks, bool flagged) {
    const sf::Vector2u size = image.getSize();
    if (size.x == 0 || size.y == 0) return;
    Frame f;
    f.w = thumb_width_;
    f.h = std::max(1, static_cast<int>(std::lround(static_cast<double>(size.y) * thumb_width_ / size.x)));
    f.rgba.resize(static_cast<size_t>(f.w) * f.h * 4);
    stbir_resize_uint8(image.getPixelsPtr(), static_cast<int>(size.x), static_cast<int>(size.y), 0, f.rgba.data(),
                       f.w, f.h, 0, 4);
    // Problems outlined where they are, 2 px wide whatever the scale.
    const float k = static_cast<float>(f.w) / static_cast<float>(size.x);
    for (const ui::Rect& r : marks) {
        const int x0 = static_cast<int>(std::floor(r.min.x * k)) - 2, y0 = static_cast<int>(std::floor(r.min.y * k)) - 2;
        const int x1 = static_cast<int>(std::ceil(r.max.x * k)) + 2, y1 = static_cast<int>(std::ceil(r.max.y * k)) + 2;
        for (int y = std::max(0, y0); y < std::min(f.h, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(f.w, x1); ++x) {
                const bool edge = x < x0 + 2 || x >= x1 - 2 || y < y0 + 2 || y >= y1 - 2;
                if (!edge) continue;
                unsigned char* p = &f.rgba[(static_cast<size_t>(y) * f.w + x) * 4];
                std::copy(kRed, kRed + 3, p);
            }
    }
    f.caption = std::move(caption);
    f.flagged = flagged;
    frames_.push_back(std::move(f));
}

std::string ContactSheet::write(const std::string& path) const {
    const CaptionFont* font = CaptionFont::get();
    const float caption_line = font ? font->line_height(kCaptionPx) : 0;
    const float title_line = font ? font->line_height(kTitlePx) : 0;
    int caption_h = 0;
    for (const Frame& f : frames_)
        caption_h = std::max(caption_h, static_cast<int>(std::ceil(lines_of(f.caption).size() * caption_line)));
    int cell_h = 0;
    for (const Frame& f : frames_) cell_h = std::max(cell_h, f.h);
    const int columns = std::min<int>(columns_, std::max<size_t>(1, frames_.size()));
    const int rows = static_cast<int>((frames_.size() + columns - 1) / columns);
    const int title_h = static_cast<int>(std::ceil(lines_of(title_).size() * title_line));
    const int w = kGap + columns * (thumb_width_ + kGap);
    const int h = kGap + title_h + kGap + rows * (cell_h + 4 + caption_h + kGap);
    std::vector<unsigned char> rgb(static_cast<size_t>(w) * h * 3, 0xFF);

    int y = kGap;
    if (font)
        for (const std::string& line : lines_of(title_)) {
            font->draw(rgb, w, h, kGap, y, line, kTitlePx, kInk);
            y += static_cast<int>(title_line);
        }
    const int grid_top = kGap + title_h + kGap;
    for (size_t i = 0; i < frames_.size(); ++i) {
        const Frame& f = frames_[i];
        const int cx = kGap + static_cast<int>(i % columns) * (thumb_width_ + kGap);
        const int cy = grid_top + static_cast<int>(i / columns) * (cell_h + 4 + caption_h + kGap);
        for (int fy = 0; fy < f.h; ++fy)
            for (int fx = 0; fx < f.w; ++fx) {
                const unsigned char* s = &f.rgba[(static_cast<size_t>(fy) * f.w + fx) * 4];
                std::copy(s, s + 3, &rgb[(static_cast<size_t>(cy + fy) * w + cx + fx) * 3]);
            }
        if (f.flagged) outline(rgb, w, h, cx - kBorder, cy - kBorder, cx + f.w + kBorder, cy + f.h + kBorder, kBorder, kRed);
        if (font) {
            int ly = cy + f.h + 4;
            for (const std::string& line : lines_of(f.caption)) {
                font->draw(rgb, w, h, static_cast<float>(cx), ly, line, kCaptionPx, f.flagged ? kRed : kInk);
                ly += static_cast<int>(caption_line);
            }
        }
    }

    // RGB at the highest compression: a sheet is written once and read many times.
    stbi_write_png_compression_level = 9;
    return write_png(rgb.data(), w, h, 3, path);
}

}  // namespace qmi::app
