#include "core/text.hpp"

#include <cstdio>

namespace qmi {

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "fr") return Lang::Fr;
    if (code == "en") return Lang::En;
    return std::nullopt;
}

const char* lang_code(Lang lang) { return lang == Lang::En ? "en" : "fr"; }

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len;
        unsigned cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (int k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong encodings, UTF-16 surrogates and out-of-range code points are invalid.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        if (cp > 0x10FFFF) return false;
        i += len;
    }
    return true;
}

char32_t next_code_point(std::string_view s, size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    if (len == 0 || i + len > s.size() || !is_valid_utf8(s.substr(i, len))) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

bool is_invisible_format_char(char32_t c) {
    return c == 0x00AD                    // soft hyphen
           || c == 0x034F                 // combining grapheme joiner
           || c == 0x061C                 // Arabic letter mark
           || c == 0x115F || c == 0x1160  // Hangul fillers
           || c == 0x180E                 // Mongolian vowel separator
           || (c >= 0x200B && c <= 0x200F)  // zero-width space, non-joiner, joiner, LRM, RLM
           || (c >= 0x202A && c <= 0x202E)  // bidi embeddings and overrides
           || (c >= 0x2060 && c <= 0x2064)  // word joiner, invisible operators
           || (c >= 0x2066 && c <= 0x206F)  // bidi isolates, deprecated format characters
           || c == 0x3164 || c == 0xFFA0  // Hangul fillers
           || c == 0xFEFF                 // byte-order mark / zero-width no-break space
           || (c >= 0xFFF9 && c <= 0xFFFB)  // interlinear annotation
           || (c >= 0xFE00 && c <= 0xFE0F)  // variation selectors
           || (c >= 0xE0000 && c <= 0xE007F);  // tags
}

bool is_control_char(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

namespace {

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

}  // namespace

bool is_visually_blank(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const char32_t c = next_code_point(s, i);
        if (!is_space(c) && !is_invisible_format_char(c) && !is_control_char(c)) return false;
    }
    return true;
}

size_t code_point_count(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

namespace {

// A letter that can start a sentence: ASCII capitals, Latin-1 capitals (À .. Þ but ×) and Latin Extended-A capitals
// (Œ, Ÿ, ...: capital and small letters alternate there, the capital first but in U+0139 .. U+0148), digits, and
// opening quotes.
bool starts_sentence(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0;
    if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
    if (c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D) return true;
    return c == 0xAB || c == 0x201C || c == '"';  // « “ "
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string first_sentence(std::string_view paragraph) {
    const std::string_view s = trim(paragraph);
    size_t i = 0;
    while (i < s.size()) {
        const char32_t c = next_code_point(s, i);
        if (c != '.' && c != '!' && c != '?' && c != 0x2026) continue;
        const size_t end = i;  // just after the punctuation
        size_t j = i;
        bool spaced = false;
        while (j < s.size()) {
            size_t k = j;
            const char32_t n = next_code_point(s, k);
            if (!is_space(n)) break;
            spaced = true;
            j = k;
        }
        if (j >= s.size()) break;  // the end of the paragraph
        size_t k = j;
        if (spaced && starts_sentence(next_code_point(s, k))) return std::string(s.substr(0, end));
    }
    return std::string(s);
}

}  // namespace qmi
