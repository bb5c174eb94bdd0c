// Languages and bilingual text. The kiosk speaks French first, English on request.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace qmi {

enum class Lang { Fr, En };

std::optional<Lang> parse_lang(std::string_view code);  // "fr" / "en"
const char* lang_code(Lang lang);

// French and English side by side, as written in config/. English falls back to French when absent,
// because showing the French original beats showing nothing.
struct LocalizedText {
    std::string fr;
    std::string en;

    const std::string& in(Lang lang) const { return (lang == Lang::En && !en.empty()) ? en : fr; }
    bool empty() const { return fr.empty() && en.empty(); }
};

// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

}  // namespace qmi
