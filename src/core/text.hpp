// Languages and bilingual text. The kiosk speaks French first, English on request.
#pragma once
#include <cstddef>
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

// Decodes the code point starting at s[i] and advances i past it. Invalid or truncated sequences yield U+FFFD and
// advance one byte, so a loop over any input terminates.
char32_t next_code_point(std::string_view s, size_t& i);

// Characters a visitor never sees but that change how text is laid out or read: zero-width spaces and joiners,
// bidirectional controls, the byte-order mark, the soft hyphen, word joiners. ImGui draws none of them properly
// (no shaping, no bidi), so config text must not contain them.
bool is_invisible_format_char(char32_t c);

// C0 controls (U+0000-U+001F, line feed included: the caller decides where a line break is allowed), DEL and the
// C1 controls (U+0080-U+009F).
bool is_control_char(char32_t c);

// True when `s` shows nothing: empty, or only spaces (ASCII and Unicode) and invisible format characters.
bool is_visually_blank(std::string_view s);

// Number of code points (what a reader counts as characters, close enough for length limits).
size_t code_point_count(std::string_view s);

// "U+200B", for error messages.
std::string code_point_name(char32_t c);

// The first sentence of a paragraph: up to the first ".", "!", "?" or "…" followed by spaces and then a capital
// letter, a digit or an opening quote ("1.5 km" or "www.example.org, then" do not end it), or the whole paragraph
// when it is one sentence; leading and trailing spaces removed. The presenter's "programme in one sentence" is cut
// from a sourced text this way rather than written anew.
std::string first_sentence(std::string_view paragraph);

}  // namespace qmi
