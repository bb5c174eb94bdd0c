#include "ui/glyph_coverage.hpp"

#include <fstream>
#include <memory>

#include <spdlog/spdlog.h>

// A private copy of stb_truetype's functions (static): only the character map is read here. ImGui compiles its own.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

namespace qmi::ui {

namespace {

constexpr size_t kMaxFontBytes = 32u << 20;  // as in fonts.cpp: a sane TTF is well under 1 MB

// A font file's character map, or nothing when the file is missing or not a font.
class CharMap {
public:
    explicit CharMap(const std::string& path) {
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        if (!in) return;
        const std::streamoff size = in.tellg();
        if (size < 12 || static_cast<size_t>(size) > kMaxFontBytes) return;
        in.seekg(0);
        // Owned through a pointer: stb keeps pointing into the bytes when the CharMap is moved.
        bytes_ = std::make_shared<std::string>(static_cast<size_t>(size), '\0');
        if (!in.read(bytes_->data(), size)) return;
        const auto* data = reinterpret_cast<const unsigned char*>(bytes_->data());
        const int offset = stbtt_GetFontOffsetForIndex(data, 0);
        ok_ = offset >= 0 && stbtt_InitFont(&info_, data, offset) != 0;
    }
    bool ok() const { return ok_; }
    bool has(char32_t c) const {
        return ok_ && stbtt_FindGlyphIndex(const_cast<stbtt_fontinfo*>(&info_), static_cast<int>(c)) > 0;
    }

private:
    std::shared_ptr<std::string> bytes_;
    stbtt_fontinfo info_{};
    bool ok_ = false;
};

}  // namespace

size_t GlyphCoverage::count() const {
    size_t n = 0;
    for (bool b : drawable_) n += b;
    return n;
}

GlyphPredicate GlyphCoverage::predicate() const {
    return [table = drawable_](char32_t c) { return c < table.size() && table[c]; };
}

std::optional<GlyphCoverage> load_glyph_coverage(const FontFiles& preferred, std::string* error) {
    const FontFiles fallback = dejavu_files();
    struct Weight {
        CharMap main, merged;  // what load_fonts() uses: the preferred file (else the fallback), plus the fallback
    };
    std::vector<Weight> weights;
    for (const auto& [want, fb] : {std::pair{preferred.regular, fallback.regular},
                                   std::pair{preferred.semibold, fallback.semibold},
                                   std::pair{preferred.bold, fallback.bold}}) {
        CharMap main(want);
        if (!main.ok()) main = CharMap(fb);
        if (!main.ok()) {
            if (error) *error = "no readable font file: " + want + " nor " + fb;
            return std::nullopt;
        }
        weights.push_back({std::move(main), CharMap(fb)});
    }
    char32_t top = 0;
    for (const ImWchar* r = french_glyph_ranges(); r[0]; r += 2) top = std::max<char32_t>(top, r[1]);
    std::vector<bool> drawable(static_cast<size_t>(top) + 1, false);
    for (const ImWchar* r = french_glyph_ranges(); r[0]; r += 2)
        for (char32_t c = r[0]; c <= r[1]; ++c) {
            bool all = true;
            for (const Weight& w : weights) all = all && (w.main.has(c) || w.merged.has(c));
            drawable[c] = all;
        }
    return GlyphCoverage(std::move(drawable));
}

const GlyphPredicate& kiosk_glyph_predicate() {
    static const GlyphPredicate predicate = [] {
        std::string error;
        const auto coverage = load_glyph_coverage(open_sans_files(), &error);
        if (!coverage) {
            spdlog::warn("fonts: {}; texts are not checked against the fonts", error);
            return GlyphPredicate{};
        }
        return coverage->predicate();
    }();
    return predicate;
}

}  // namespace qmi::ui
