#include "core/ui_text.hpp"

#include <algorithm>
#include <cctype>

#include "core/json_fields.hpp"

namespace qmi {

namespace {

constexpr size_t kMaxFileBytes = 1024 * 1024;  // the real file is a few KiB; anything huge is a mistake or worse

struct RequiredKey {
    const char* key;
    const char* placeholders[5];  // the only ones the code fills for this key (unused slots are null)
};

// Every key the code reads. Adding a string to the screen = adding it here AND to config/ui-text.json; the test
// "ui-text.json in the repository loads without error" keeps the two in step.
const RequiredKey kRequiredKeys[] = {
    {"app.title", {}},
    {"app.subtitle", {}},
    // Call banner (countdown.cpp): one sentence per state, the window and its communes, the state badge.
    {"banner.none", {}},
    {"banner.before", {"remaining", "date"}},
    {"banner.open", {"remaining", "date"}},
    {"banner.last_day", {"remaining", "time"}},
    {"banner.between", {"closed", "remaining", "date"}},
    {"banner.between_month", {"closed", "month"}},
    {"banner.after", {"closed"}},
    {"banner.month_before", {"month"}},
    {"banner.month_this_month", {"month"}},
    {"banner.month_period", {"from", "to"}},
    {"banner.window_communes", {"window", "communes"}},
    {"badge.none", {}},
    {"badge.upcoming", {}},
    {"badge.open", {}},
    {"badge.last_day", {}},
    {"badge.planned", {}},
    {"badge.closed", {}},
    {"list.and", {}},
    // Commune panel.
    {"panel.mayor", {}},
    {"panel.department", {}},
    {"panel.territory", {}},
    {"panel.arrondissement", {}},
    {"attribution.arrondissements_ign", {}},
    {"attribution.arrondissements_ville_de_paris", {}},
    {"panel.challenge", {}},
    {"panel.innovation_district", {}},
    {"panel.experiments", {}},
    {"panel.promotion", {}},
    {"panel.promotion_first", {}},
    {"panel.promotion_second", {}},
    {"panel.promotion_ended", {"when"}},
    {"panel.promotion_ended_undated", {}},
    {"panel.promotion_running", {}},
    {"panel.as_of", {"date"}},
    {"panel.as_of_range", {"from", "to"}},
    {"panel.to_confirm", {"date"}},
    {"panel.call", {}},
    {"panel.call_open", {"date"}},
    {"panel.call_last_day", {"time"}},
    {"panel.call_announced", {"when"}},
    {"panel.call_planned", {"when"}},
    {"panel.call_other", {}},
    {"panel.call_other_then", {"then"}},
    {"panel.call_last_closed", {"closed", "window"}},
    {"panel.call_never", {}},
    {"panel.not_qmi", {}},
    {"panel.outside_metropole", {}},
    {"panel.challenge_unpublished", {}},
    {"panel.site_unpublished", {}},
    {"panel.unknown", {}},
    {"panel.sources", {}},
    {"panel.close", {}},
    // Sources view (ui/sources_view).
    {"sources.title", {}},
    {"sources.used_for", {"facts"}},
    {"sources.published", {"date"}},
    {"sources.as_of", {"date"}},
    {"sources.qr", {}},
    {"sources.close", {}},
    {"fact.programme", {}},
    {"fact.promotion", {}},
    {"fact.district", {}},
    {"fact.mayor", {}},
    {"fact.challenge", {}},
    {"fact.site", {}},
    {"fact.experiment", {}},
    {"fact.call_window", {}},
    {"fact.timeline", {}},
    // Legend.
    {"legend.title", {}},
    {"legend.promotion_first", {}},
    {"legend.promotion_second", {}},
    {"legend.metropole", {}},
    {"legend.outside", {}},
    {"legend.territory_border", {}},
    {"legend.department_border", {}},
    // QR card (core/call_state: which one follows the calls' state), attribution, hints.
    {"qr.scan_to_apply", {}},
    {"qr.scan_call_page", {}},
    {"qr.scan_programme_page", {}},
    {"attribution.contours", {}},
    {"attribution.membership", {"source"}},
    {"map.touch_hint", {}},
    {"lang.switch", {}},
    // District list, map controls, gesture hint, search keyboard.
    {"list.title", {}},
    {"map.gesture_hint", {}},
    {"search.button", {}},
    {"search.placeholder", {}},
    {"search.no_match", {}},
    {"search.district", {}},
    {"search.close", {}},
    {"keyboard.space", {}},
    {"keyboard.clear", {}},
    // Staff menu.
    {"staff.title", {}},
    {"staff.pin", {}},
    {"staff.wrong_pin", {}},
    {"staff.try_again_in", {"s"}},
    {"staff.ok", {}},
    {"staff.cancel", {}},
    {"staff.exit", {}},
    {"staff.reload", {}},
    {"staff.status", {}},
    {"staff.close", {}},
    {"staff.windowed", {}},
    {"staff.fullscreen", {}},
    {"staff.none", {}},
    {"staff.version", {}},
    {"staff.content_version", {}},
    {"staff.content_published", {}},
    {"staff.content_source", {}},
    {"staff.source_bundled", {}},
    {"staff.source_cache", {}},
    {"staff.source_feed", {}},
    {"staff.live_updates", {}},
    {"staff.fps", {}},
    {"staff.last_error", {}},
    {"staff.reload_ok", {}},
    {"staff.reload_failed", {"error"}},
    {"staff.attempts_left", {"n"}},
    {"map.outside_hint", {}},
    {"attract.call_to_action", {"commune"}},
    {"intro.how", {}},
    {"panel.nearby", {}},
    {"panel.nearby_adjacent", {}},
    {"staff.usage_today", {}},
    {"staff.date_time", {"date", "time"}},
    {"staff.age_today", {}},
    {"staff.age_days", {"days"}},
    {"staff.kiosk_time", {}},
    {"staff.touch", {}},
    {"staff.touch_none", {}},
    {"staff.feed_none", {}},
    {"staff.feed_waiting", {}},
    {"staff.feed_ok", {"when"}},
    {"staff.feed_failed", {"when", "error"}},
    {"staff.maps_repairing", {"departments"}},
    {"staff.start_attract", {}},
    {"staff.show_district", {}},
    {"staff.usage_figures", {"sessions", "taps", "searches", "switches", "median"}},
    {"staff.to_review", {"n", "kinds"}},
    {"staff.present", {}},
    {"staff.timeline", {}},
    // Presenter mode (ui/presenter_view) and the timeline (ui/timeline_view).
    {"present.exit", {}},
    {"present.previous", {}},
    {"present.next", {}},
    {"present.progress", {"n", "total"}},
    {"present.promotion_districts", {"count"}},
    {"present.calls_title", {}},
    {"present.calls_subtitle", {"date"}},
    {"present.communes", {"communes"}},
    {"present.source", {"sources"}},
    {"present.sources", {"sources"}},
    {"timeline.title", {}},
    {"timeline.subtitle", {}},
    {"timeline.open", {}},
    {"timeline.close", {}},
    {"timeline.today", {"date"}},
    {"timeline.source_ref", {"refs"}},
    {"timeline.sources_ref", {"refs"}},
};

const RequiredKey* find_required(std::string_view key) {
    for (const auto& r : kRequiredKeys)
        if (key == r.key) return &r;
    return nullptr;
}

// The longest interface text is a banner sentence of about 110 characters; 300 leaves room for any wording and
// still fits the banner strip.
constexpr size_t kMaxTextChars = 300;

bool allows(const RequiredKey& r, std::string_view name) {
    for (const char* p : r.placeholders)
        if (p && name == p) return true;
    return false;
}

std::string join_placeholders(const RequiredKey& r) {
    std::string out;
    for (const char* n : r.placeholders) {
        if (!n) continue;
        if (!out.empty()) out += ", ";
        out += "{" + std::string(n) + "}";
    }
    return out.empty() ? "none" : out;
}

}  // namespace

std::vector<std::string> placeholders_in(std::string_view text) {
    std::vector<std::string> names;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '{') {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
        if (j > i + 1 && j < text.size() && text[j] == '}') {
            std::string name(text.substr(i + 1, j - i - 1));
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
            i = j + 1;
        } else {
            ++i;
        }
    }
    return names;
}

std::vector<std::string> required_ui_text_keys() {
    std::vector<std::string> keys;
    for (const auto& r : kRequiredKeys) keys.emplace_back(r.key);
    return keys;
}

const std::string& UiText::get(std::string_view key, Lang lang) const {
    const auto it = entries_.find(key);
    if (it != entries_.end()) return it->second.in(lang);
    // Kept per thread so the returned reference stays valid without locking; only ever holds mistaken keys.
    static thread_local std::map<std::string, std::string, std::less<>> missing;
    auto m = missing.find(key);
    if (m == missing.end()) m = missing.emplace(std::string(key), "[" + std::string(key) + "]").first;
    return m->second;
}

bool UiText::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::string UiText::format(std::string_view key, Lang lang,
                           std::initializer_list<std::pair<std::string_view, std::string>> args) const {
    const std::string& text = get(key, lang);
    std::string out;
    out.reserve(text.size() + 32);
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const size_t close = text.find('}', i + 1);
            if (close != std::string::npos) {
                const std::string_view name(text.data() + i + 1, close - i - 1);
                const auto arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
                if (arg != args.end()) {
                    out += arg->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i];
        ++i;
    }
    return out;
}

UiTextLoad parse_ui_text(std::string_view bytes, const std::string& label, const GlyphPredicate& drawable) {
    UiTextLoad result;
    ConfigErrors& errors = result.errors;
    if (bytes.size() > kMaxFileBytes) {
        errors.push_back({label, "", "file is too large: " + std::to_string(bytes.size()) + " bytes, the limit is " +
                                         std::to_string(kMaxFileBytes)});
        return result;
    }
    // UTF-8, nesting depth, syntax, repeated keys, control and invisible characters and the fonts' coverage are
    // checked by the shared parser (json_fields.hpp), each at its JSON pointer.
    TextChecks checks;
    checks.max_string_bytes = 4 * kMaxTextChars;  // 4 bytes per character at most in UTF-8
    checks.drawable = drawable;
    const std::optional<Json> doc = parse_json_document(bytes, label, errors, 64, &checks);
    if (!doc) return result;
    FieldReader reader(label, errors);
    if (!reader.expect_object(*doc, "")) return result;

    UiText text;
    for (const auto& [key, value] : doc->items()) {
        if (!key.empty() && key[0] == '$') continue;  // "$comment": notes for translators
        const std::string where = json_pointer("", key);
        // {"fr": non-blank string, "en": optional string}, nothing else.
        std::optional<LocalizedText> entry =
            reader.text(*doc, "", key, Need::Required, FieldReader::TextLimits{kMaxTextChars, true});
        if (!entry) continue;
        bool entry_ok = true;
        // ImGui reads "##" in a widget label as the start of a hidden ID: "Fermer##x" shows "Fermer", "##Fermer"
        // shows an empty button, "###x" replaces the label's ID. No interface text may contain it.
        for (const char* lang : {"fr", "en"}) {
            if ((std::string_view(lang) == "fr" ? entry->fr : entry->en).find("##") != std::string::npos) {
                reader.error(json_pointer(where, lang), "contains \"##\", which ImGui reads as a hidden widget ID: "
                                                        "the text after it (or the whole button label) would not be "
                                                        "shown");
                entry_ok = false;
            }
        }

        if (const RequiredKey* req = find_required(key)) {
            for (const char* lang : {"fr", "en"}) {
                const std::string& s = std::string_view(lang) == "fr" ? entry->fr : entry->en;
                for (const std::string& name : placeholders_in(s)) {
                    if (!allows(*req, name)) {
                        reader.error(json_pointer(where, lang), "unknown placeholder {" + name +
                                                                    "} (this text can use: " +
                                                                    join_placeholders(*req) + ")");
                        entry_ok = false;
                    }
                }
            }
        }
        // A translation that drops or renames a placeholder would show "{remaning}" or lose the countdown.
        if (!entry->en.empty()) {
            std::vector<std::string> fr_names = placeholders_in(entry->fr), en_names = placeholders_in(entry->en);
            std::sort(fr_names.begin(), fr_names.end());
            std::sort(en_names.begin(), en_names.end());
            if (fr_names != en_names) {
                reader.error(json_pointer(where, "en"), "uses different {placeholders} than the French text");
                entry_ok = false;
            }
        }
        if (entry_ok) text.set(key, std::move(*entry));
    }

    for (const auto& r : kRequiredKeys)
        if (!doc->contains(r.key)) reader.error(json_pointer("", r.key), "required text is missing");

    if (errors.empty()) result.text = std::move(text);
    return result;
}

UiTextLoad load_ui_text(const std::string& path, const GlyphPredicate& drawable) {
    UiTextLoad result;
    const std::optional<std::string> bytes = read_config_file(path, path, kMaxFileBytes, result.errors);
    if (!bytes) return result;
    return parse_ui_text(*bytes, path, drawable);
}

}  // namespace qmi
