// Which characters the kiosk can actually draw: those in the glyph ranges load_fonts() asks ImGui for AND present
// in the character map (cmap) of the font files it loads for every weight (Open Sans, with DejaVu Sans merged in for
// what Open Sans lacks; DejaVu alone when Open Sans is missing). Anything else ImGui draws as "?".
//
// Read once from the same Debian font files as load_fonts() (fonts.hpp), with stb_truetype, without a GL context
// or an ImGui atlas, so the check runs at start-up before the window exists and in --check-config alike. Core code
// gets it as a plain predicate (GlyphPredicate, core/json_fields.hpp) and stays free of font code.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/json_fields.hpp"
#include "ui/fonts.hpp"

namespace qmi::ui {

class GlyphCoverage {
public:
    bool covers(char32_t c) const { return c < drawable_.size() && drawable_[c]; }
    size_t count() const;  // how many code points are drawable (for logs and tests)
    // A copy of the table as a predicate for the content and ui-text loaders.
    GlyphPredicate predicate() const;

    // `drawable` indexed by code point.
    explicit GlyphCoverage(std::vector<bool> drawable) : drawable_(std::move(drawable)) {}

private:
    std::vector<bool> drawable_;
};

// nullopt (with the reason in `error`) when some weight has no readable font file at all: the kiosk then cannot
// draw French either (load_fonts() says so), and no glyph check is made.
std::optional<GlyphCoverage> load_glyph_coverage(const FontFiles& preferred = open_sans_files(),
                                                 std::string* error = nullptr);

// The coverage of the kiosk's own fonts as a predicate, read once per process (empty predicate, i.e. no check,
// when the fonts cannot be read). What start-up, reload, the content feed and --check-config all pass to the
// loaders, so that they give the same verdict on the same files.
const GlyphPredicate& kiosk_glyph_predicate();

}  // namespace qmi::ui
