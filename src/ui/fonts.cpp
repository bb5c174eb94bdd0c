#include "ui/fonts.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include <spdlog/spdlog.h>

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
    ImFont* add(const Weight& weight, float px) {
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
        // 2x horizontal oversampling keeps small text smooth while the atlas stays small at 4K sizes.
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s %.0fpx", weight.name, px);
        ImFont* font = atlas_.AddFontFromMemoryTTF(blob->data, blob->size, px, &cfg, french_glyph_ranges());
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
                merge.OversampleH = 2;
                merge.OversampleV = 1;
                if (!atlas_.AddFontFromMemoryTTF(extra->data, extra->size, px, &merge, french_glyph_ranges()))
                    IM_FREE(extra->data);
            }
        }
        return font;
    }

private:
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

FontSizes font_sizes(float ui_scale) {
    const float s = ui_scale > 0 ? ui_scale : 1.0f;
    FontSizes base;
    FontSizes f;
    f.body = std::round(base.body * s);
    f.small = std::round(base.small * s);
    f.title = std::round(base.title * s);
    f.banner = std::round(base.banner * s);
    f.label = std::round(base.label * s);
    return f;
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

Fonts load_fonts(ImFontAtlas& atlas, float ui_scale, const FontFiles& preferred) {
    Fonts fonts;
    fonts.sizes = font_sizes(ui_scale);
    const FontFiles fb = dejavu_files();
    const Weight regular{"Regular", preferred.regular, fb.regular};
    const Weight semibold{"Semibold", preferred.semibold, fb.semibold};
    const Weight bold{"Bold", preferred.bold, fb.bold};

    FontLoader loader(atlas, fonts.fallback);
    // Body first: the first font of an atlas is ImGui's default.
    fonts.body = loader.add(regular, fonts.sizes.body);
    fonts.body_bold = loader.add(semibold, fonts.sizes.body);
    fonts.small = loader.add(regular, fonts.sizes.small);
    fonts.title = loader.add(bold, fonts.sizes.title);
    fonts.banner = loader.add(semibold, fonts.sizes.banner);
    fonts.label = loader.add(semibold, fonts.sizes.label);
    fonts.ok = fonts.body && fonts.body_bold && fonts.small && fonts.title && fonts.banner && fonts.label;
    if (!fonts.ok) {
        spdlog::error("fonts: no usable font (install fonts-open-sans or fonts-dejavu-core); French text cannot be "
                      "shown");
        return fonts;
    }
    if (ImGui::GetCurrentContext() && ImGui::GetIO().Fonts == &atlas) ImGui::GetIO().FontDefault = fonts.body;
    return fonts;
}

}  // namespace qmi::ui
