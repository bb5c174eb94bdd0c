#include "ui/fonts.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include <spdlog/spdlog.h>
#include <stb_truetype.h>

namespace qmi::ui {

namespace {

constexpr const char* kOpenSansDir = "/usr/share/fonts/truetype/open-sans/";
constexpr const char* kDejaVuDir = "/usr/share/fonts/truetype/dejavu/";
constexpr size_t kMaxFontBytes = 32u << 20;  // a sane TTF is well under 1 MB; refuse anything absurd

// A font file read into ImGui-owned memory (the atlas frees it with IM_FREE once it owns it).
struct FontBlob {
    void* data = nullptr;
    int size = 0;
};

// Reads a TrueType/OpenType file; nullopt (with the reason in `why`) when missing, empty, huge or not a font.
// Checked here because ImGui asserts on a file it cannot open.
std::optional<FontBlob> read_font(const std::string& path, std::string& why) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        why = "cannot open file";
        return std::nullopt;
    }
    const std::streamoff len = in.tellg();
    if (len < 12 || static_cast<size_t>(len) > kMaxFontBytes) {
        why = "size " + std::to_string(len) + " bytes is not a font";
        return std::nullopt;
    }
    std::vector<char> bytes(static_cast<size_t>(len));
    in.seekg(0);
    if (!in.read(bytes.data(), len)) {
        why = "read error";
        return std::nullopt;
    }
    // sfnt version: 0x00010000 (TrueType), "true" (Apple TrueType) or "OTTO" (CFF OpenType).
    static const unsigned char kTrueType[4] = {0x00, 0x01, 0x00, 0x00};
    if (std::memcmp(bytes.data(), kTrueType, 4) != 0 && std::memcmp(bytes.data(), "true", 4) != 0 &&
        std::memcmp(bytes.data(), "OTTO", 4) != 0) {
        why = "not a TrueType/OpenType file";
        return std::nullopt;
    }
    FontBlob blob;
    blob.size = static_cast<int>(len);
    blob.data = IM_ALLOC(static_cast<size_t>(len));
    std::memcpy(blob.data, bytes.data(), static_cast<size_t>(len));
    return blob;
}

struct Weight {
    const char* name;         // "Regular", for the log
    std::string preferred;    // Open Sans path
    std::string fallback;     // DejaVu path
};

class FontLoader {
public:
    FontLoader(ImFontAtlas& atlas, bool& used_fallback) : atlas_(atlas), used_fallback_(used_fallback) {}

    // One font of `px` pixels in `weight`, with DejaVu Sans merged in for the glyphs the main file lacks.
    ImFont* add(const Weight& weight, float px, const ImWchar* ranges = french_glyph_ranges()) {
        std::string why;
        std::optional<FontBlob> blob = read_font(weight.preferred, why);
        std::string used = weight.preferred;
        if (!blob) {
            if (warned_.insert_unique(weight.preferred))
                spdlog::warn("fonts: {} ({}): {}; falling back to {}", weight.preferred, weight.name, why,
                             weight.fallback);
            used_fallback_ = true;
            blob = read_font(weight.fallback, why);
            used = weight.fallback;
            if (!blob) {
                if (warned_.insert_unique(weight.fallback))
                    spdlog::error("fonts: fallback {} ({}): {}", weight.fallback, weight.name, why);
                return nullptr;
            }
        }
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = true;
        // 2x horizontal oversampling keeps small text smooth; from 36 px up a glyph has pixels enough of its own,
        // and oversampling would only double the atlas (and the first frame's rasterisation time).
        cfg.OversampleH = oversample(px);
        cfg.OversampleV = 1;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s %.0fpx", weight.name, px);
        ImFont* font = atlas_.AddFontFromMemoryTTF(blob->data, blob->size, px, &cfg, ranges);
        if (!font) {
            IM_FREE(blob->data);
            return nullptr;
        }
        // Fill the gaps (U+202F narrow no-break space, U+2011, arrows) from DejaVu Sans: ImGui's merge never
        // overwrites a glyph the first file has, so Open Sans keeps its look for everything it covers.
        if (used != weight.fallback) {
            std::optional<FontBlob> extra = read_font(weight.fallback, why);
            if (extra) {
                ImFontConfig merge;
                merge.MergeMode = true;
                merge.FontDataOwnedByAtlas = true;
                merge.OversampleH = oversample(px);
                merge.OversampleV = 1;
                if (!atlas_.AddFontFromMemoryTTF(extra->data, extra->size, px, &merge, ranges))
                    IM_FREE(extra->data);
            }
        }
        return font;
    }

private:
    static int oversample(float px) { return px >= 36.0f ? 1 : 2; }

    // Tiny set of already-logged paths: one log line per missing file, not one per font size.
    struct Once {
        std::vector<std::string> seen;
        bool insert_unique(const std::string& s) {
            for (const auto& x : seen)
                if (x == s) return false;
            seen.push_back(s);
            return true;
        }
    };
    ImFontAtlas& atlas_;
    bool& used_fallback_;
    Once warned_;
};

}  // namespace

FontSizes font_sizes(const TypeScale& type) {
    FontSizes f;
    f.headline = type.size(TextRole::Headline);
    f.banner = type.size(TextRole::CallToAction);
    f.title = type.size(TextRole::Title);
    f.body = type.size(TextRole::Body);
    f.label = type.size(TextRole::MapLabel);
    f.small = type.size(TextRole::Fine);
    return f;
}

std::optional<float> cap_ratio_of_file(const std::string& path) {
    std::string why;
    std::optional<FontBlob> blob = read_font(path, why);
    if (!blob) return std::nullopt;
    std::optional<float> ratio;
    const auto* data = static_cast<const unsigned char*>(blob->data);
    stbtt_fontinfo info;
    const int offset = stbtt_GetFontOffsetForIndex(data, 0);
    if (offset >= 0 && stbtt_InitFont(&info, data, offset)) {
        int ascent = 0, descent = 0, gap = 0;
        // The same vertical metrics ImGui scales by (stbtt_ScaleForPixelHeight: ascent - descent = font size).
        stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        if (ascent - descent > 0 && stbtt_GetCodepointBox(&info, 'H', &x0, &y0, &x1, &y1) && y1 > y0)
            ratio = static_cast<float>(y1 - y0) / static_cast<float>(ascent - descent);
    }
    IM_FREE(blob->data);
    return ratio;
}

float measured_cap_ratio(const FontFiles& preferred) {
    const FontFiles fb = dejavu_files();
    std::optional<float> smallest;
    for (const auto& [want, fallback] : {std::pair{&preferred.regular, &fb.regular},
                                         std::pair{&preferred.semibold, &fb.semibold},
                                         std::pair{&preferred.bold, &fb.bold}}) {
        std::optional<float> r = cap_ratio_of_file(*want);
        if (!r) r = cap_ratio_of_file(*fallback);
        if (r && (!smallest || *r < *smallest)) smallest = r;
    }
    return smallest.value_or(kOpenSansCapRatio);
}

float rendered_cap_px(const ImFont* font) {
    if (!font) return 0;
    const ImFontGlyph* g = font->FindGlyphNoFallback('H');
    return g ? g->Y1 - g->Y0 : 0;
}

FontFiles open_sans_files() {
    return {std::string(kOpenSansDir) + "OpenSans-Regular.ttf", std::string(kOpenSansDir) + "OpenSans-Semibold.ttf",
            std::string(kOpenSansDir) + "OpenSans-Bold.ttf"};
}

FontFiles dejavu_files() {
    // DejaVu has no semibold: Bold stands in for it.
    return {std::string(kDejaVuDir) + "DejaVuSans.ttf", std::string(kDejaVuDir) + "DejaVuSans-Bold.ttf",
            std::string(kDejaVuDir) + "DejaVuSans-Bold.ttf"};
}

const ImWchar* french_glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement: é è ê ë à â ç ô û ù ï î « » ° · U+00A0
        0x0100, 0x017F,  // Latin Extended-A: œ Œ Ÿ (and names such as "Łódź" in descriptions)
        0x2000, 0x206F,  // General Punctuation: – — ‘ ’ “ ” … • ‹ › U+2009 U+2011 U+202F
        0x20AC, 0x20AC,  // €
        0x2190, 0x2193,  // ← ↑ → ↓
        0,
    };
    return ranges;
}

namespace {

// French without Latin Extended-A beyond œ Œ Ÿ, for the big display fonts: headline, countdown and card titles show
// programme and commune names, never foreign words, and every glyph saved is atlas space at 90 px.
const ImWchar* french_display_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
        0x0152, 0x0153,  // Œ œ
        0x0178, 0x0178,  // Ÿ
        0x2000, 0x206F,  // General Punctuation (no-break spaces, dashes, quotes, ellipsis)
        0x20AC, 0x20AC,  // €
        0x2190, 0x2193,  // arrows
        0,
    };
    return ranges;
}

}  // namespace

Fonts load_fonts(ImFontAtlas& atlas, const FontSizes& sizes, const FontFiles& preferred) {
    Fonts fonts;
    fonts.sizes = sizes;
    const FontFiles fb = dejavu_files();
    const Weight regular{"Regular", preferred.regular, fb.regular};
    const Weight semibold{"Semibold", preferred.semibold, fb.semibold};
    const Weight bold{"Bold", preferred.bold, fb.bold};

    FontLoader loader(atlas, fonts.fallback);
    // Body first: the first font of an atlas is ImGui's default.
    fonts.body = loader.add(regular, fonts.sizes.body);
    fonts.body_bold = loader.add(semibold, fonts.sizes.body);
    fonts.small = loader.add(regular, fonts.sizes.small);
    fonts.title = loader.add(bold, fonts.sizes.title, french_display_ranges());
    fonts.banner = loader.add(semibold, fonts.sizes.banner, french_display_ranges());
    fonts.label = loader.add(semibold, fonts.sizes.label);
    fonts.headline = loader.add(bold, fonts.sizes.headline, french_display_ranges());
    fonts.ok = fonts.body && fonts.body_bold && fonts.small && fonts.title && fonts.banner && fonts.label &&
               fonts.headline;
    if (!fonts.ok) {
        spdlog::error("fonts: no usable font (install fonts-open-sans or fonts-dejavu-core); French text cannot be "
                      "shown");
        return fonts;
    }
    if (ImGui::GetCurrentContext() && ImGui::GetIO().Fonts == &atlas) ImGui::GetIO().FontDefault = fonts.body;
    return fonts;
}

}  // namespace qmi::ui
