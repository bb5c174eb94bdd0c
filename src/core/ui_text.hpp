// Interface strings in French and English, read from config/ui-text.json so that staff and translators can fix
// wording without a rebuild. Programme facts do NOT live here (config/content.json); only the words of the screen.
//
// File format: one flat JSON object, key -> {"fr": "...", "en": "..."}; top-level keys starting with "$" ("$comment") are notes and ignored.
//   "banner.open": {"fr": "Appel à projets ouvert — clôture dans {remaining} ({date})",
//                   "en": "Call for projects open — closes in {remaining} ({date})"}
// "{name}" is a placeholder filled by UiText::format. Rules checked at load (each failure is a ConfigError):
//   - every key of kRequiredKeys (ui_text.cpp) is present, with a non-empty French text;
//   - "fr" and "en" are strings (en may be absent or empty: French is shown instead), nothing else in the object;
//   - required keys use only the placeholders the code fills; French and English use the same placeholders;
//   - the file is valid UTF-8 JSON, no key appears twice;
//   - no text holds a control character other than a line break, an invisible character (zero-width, bidi), the
//     ImGui ID marker "##", a character the fonts cannot draw (when the predicate is given), or more than 300
//     characters.
#pragma once
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config_error.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"

namespace qmi {

class UiText {
public:
    // The text for `key`; English falls back to French. A key that is not in the file (a code/config mismatch,
    // which load-time checks prevent for required keys) yields "[key]" so the mistake is visible, never blank.
    const std::string& get(std::string_view key, Lang lang) const;

    // get() with "{name}" placeholders replaced by the matching argument. Placeholders without an argument are
    // left as written; argument values are inserted verbatim (never re-scanned for placeholders).
    std::string format(std::string_view key, Lang lang,
                       std::initializer_list<std::pair<std::string_view, std::string>> args) const;

    bool has(std::string_view key) const;
    size_t size() const { return entries_.size(); }

    // For parse_ui_text and tests that need a specific wording.
    void set(std::string key, LocalizedText text) { entries_[std::move(key)] = std::move(text); }

private:
    std::map<std::string, LocalizedText, std::less<>> entries_;
};

struct UiTextLoad {
    std::optional<UiText> text;  // set only when there is no error
    ConfigErrors errors;
};

// `label` names the source in errors (file path, or "feed:ui-text" ...). `drawable` (optional): the fonts'
// coverage, as for content.json.
UiTextLoad parse_ui_text(std::string_view bytes, const std::string& label, const GlyphPredicate& drawable = {});
// Reads the file (missing, unreadable or larger than 1 MiB is an error) then parse_ui_text(bytes, path).
UiTextLoad load_ui_text(const std::string& path, const GlyphPredicate& drawable = {});

// "{remaining} — {date}" -> {"remaining", "date"}, in order of appearance, duplicates kept once.
std::vector<std::string> placeholders_in(std::string_view text);

// The keys the code relies on, for --check-config and tests.
std::vector<std::string> required_ui_text_keys();

}  // namespace qmi
