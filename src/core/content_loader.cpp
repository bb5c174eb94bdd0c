#include "core/content_loader.hpp"

#include <algorithm>
#include <set>

#include "core/content_store.hpp"
#include "core/json_fields.hpp"

namespace qmi {

namespace {

using namespace std::chrono_literals;

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "2024-05-13" (has_day) or "2024-05". Shape only; whether the date exists is checked by the caller.
struct IsoDate {
    int year = 0;
    unsigned month = 0, day = 0;
    bool has_day = false;
};

std::optional<IsoDate> parse_iso(std::string_view s) {
    if (s.size() != 7 && s.size() != 10) return std::nullopt;
    if (!is_digits(s.substr(0, 4)) || s[4] != '-' || !is_digits(s.substr(5, 2))) return std::nullopt;
    IsoDate d;
    d.year = std::stoi(std::string(s.substr(0, 4)));
    d.month = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
    if (s.size() == 10) {
        if (s[7] != '-' || !is_digits(s.substr(8, 2))) return std::nullopt;
        d.day = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
        d.has_day = true;
    }
    return d;
}

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The first and last day a config date stands for: one day for "2024-05-13", the whole month for "2025-01".
struct DaySpan {
    date::local_days first, last;
};

class ContentReader {
public:
    ContentReader(const std::string& label, ConfigErrors& errors, const Membership& membership)
        : r_(label, errors), membership_(membership) {}

    void read(const Json& doc, Content& c) {
        if (!r_.expect_object(doc, "")) return;
        r_.reject_unknown(doc, "", {"version", "published", "programme", "districts", "call_windows"});
        c.version = r_.string(doc, "", "version", Need::Required).value_or("");
        // Bundled, cached and feed content are compared by this instant (newest wins): it must be exact.
        c.published = r_.string(doc, "", "published", Need::Required).value_or("");
        if (!c.published.empty() && !parse_publication_time(c.published))
            r_.error("/published", "expected a date-time with offset such as \"2024-02-06T12:00:00+01:00\", got " +
                                       q(c.published));
        if (const Json* p = r_.object(doc, "", "programme", Need::Required)) read_programme(*p, c.programme);
        if (const Json* list = r_.array(doc, "", "districts", Need::Required)) {
            districts_listed_ = true;
            for (size_t i = 0; i < list->size(); ++i) read_district((*list)[i], json_pointer("/districts", i), c);
        }
        if (const Json* list = r_.array(doc, "", "call_windows", Need::Required)) {
            for (size_t i = 0; i < list->size(); ++i)
                read_window((*list)[i], json_pointer("/call_windows", i), c);
        }
        // Cross-references, checked once everything is read so that order in the file does not matter.
        if (promotions_readable_) {
            for (const auto& [promotion, path] : district_promotions_)
                if (!c.find_promotion(promotion))
                    r_.error(path, "promotion " + std::to_string(promotion) +
                                       " does not exist (not listed in /programme/promotions)");
        }
        // Without a readable district list every window reference would be "unknown": one error is enough.
        for (const auto& [insee, path] : window_districts_)
            if (districts_listed_ && !district_codes_.count(insee))
                r_.error(path, "unknown district " + q(insee) + ": no entry in /districts has this INSEE code");
        std::stable_sort(c.call_windows.begin(), c.call_windows.end(),
                         [](const CallWindow& a, const CallWindow& b) { return a.opens < b.opens; });
    }

private:
    void read_programme(const Json& p, Programme& out) {
        const std::string here = "/programme";
        r_.reject_unknown(p, here, {"name", "operators", "description", "call_url", "as_of", "as_of_label",
                                    "promotions"});
        out.name = r_.text(p, here, "name", Need::Required).value_or(LocalizedText{});
        out.operators = r_.text(p, here, "operators", Need::Required).value_or(LocalizedText{});
        out.description = r_.text(p, here, "description", Need::Required).value_or(LocalizedText{});
        // Empty is allowed on purpose: no known call page yet; the kiosk then shows no QR code.
        out.call_url = read_url(p, here, "call_url", Need::Required, /*allow_empty=*/true).value_or("");
        if (auto as_of = r_.string(p, here, "as_of", Need::Required)) {
            const auto d = parse_iso(*as_of);
            if (!d) r_.error(json_pointer(here, "as_of"), "bad date format: expected YYYY-MM or YYYY-MM-DD, got " + q(*as_of));
            else if (!date_exists(*d)) r_.error(json_pointer(here, "as_of"), "bad date: " + q(*as_of) + " does not exist");
            else out.as_of = *as_of;
        }
        out.as_of_label = r_.text(p, here, "as_of_label", Need::Required).value_or(LocalizedText{});
        const size_t errors_before = r_.error_count();
        if (const Json* list = r_.array(p, here, "promotions", Need::Required)) {
            for (size_t i = 0; i < list->size(); ++i)
                read_promotion((*list)[i], json_pointer(json_pointer(here, "promotions"), i), out);
            if (list->empty()) r_.error(json_pointer(here, "promotions"), "no promotions");
        }
        promotions_readable_ = r_.error_count() == errors_before;
    }

    void read_promotion(const Json& p, const std::string& here, Programme& out) {
        if (!r_.expect_object(p, here)) return;
        r_.reject_unknown(p, here, {"number", "name", "launched_year", "selected_on", "solutions_in_development",
                                    "summary"});
        Promotion promo;
        const auto number = r_.integer(p, here, "number", Need::Required, 1, 99);
        if (number) {
            for (const auto& seen : out.promotions)
                if (seen.number == *number)
                    r_.error(json_pointer(here, "number"), "duplicate promotion " + std::to_string(*number));
            promo.number = *number;
        }
        promo.name = r_.text(p, here, "name", Need::Required).value_or(LocalizedText{});
        promo.launched_year = r_.integer(p, here, "launched_year", Need::Optional, 2000, 2100);
        if (auto s = r_.string(p, here, "selected_on", Need::Optional)) {
            const auto d = parse_iso(*s);
            if (!d || !d->has_day)
                r_.error(json_pointer(here, "selected_on"), "bad date format: expected YYYY-MM-DD, got " + q(*s));
            else if (!date_exists(*d))
                r_.error(json_pointer(here, "selected_on"), "bad date: " + q(*s) + " does not exist");
            else
                promo.selected_on = *s;
        }
        promo.solutions_in_development = r_.integer(p, here, "solutions_in_development", Need::Optional, 0, 100000);
        promo.summary = r_.text(p, here, "summary", Need::Optional).value_or(LocalizedText{});
        if (number) out.promotions.push_back(std::move(promo));
    }

    void read_district(const Json& d, const std::string& here, Content& c) {
        if (!r_.expect_object(d, here)) return;
        r_.reject_unknown(d, here, {"insee", "commune", "promotion", "mayor", "department", "territory", "challenge",
                                    "site_name", "site_description"});
        District out;
        const MemberCommune* member = nullptr;
        if (auto insee = r_.string(d, here, "insee", Need::Required)) {
            out.insee = *insee;
            district_codes_.insert(*insee);  // even if invalid, so windows naming it are not reported twice
            member = membership_.find_commune(*insee);
            const std::string at = json_pointer(here, "insee");
            if (!member) {
                const std::string current = membership_.current_code(*insee);
                if (current != *insee && membership_.find_commune(current))
                    r_.error(at, "unknown INSEE code " + q(*insee) + ": this former code is now " + q(current) + " (" +
                                     membership_.find_commune(current)->name + ")");
                else
                    r_.error(at, "unknown INSEE code " + q(*insee) + ": not a member commune of the " +
                                     membership_.metropole_name());
            }
            for (const auto& seen : c.districts)
                if (seen.insee == *insee) r_.error(at, "duplicate district " + q(*insee));
        }
        if (auto name = r_.string(d, here, "commune", Need::Optional); name && member && *name != member->name)
            r_.error(json_pointer(here, "commune"),
                     "commune name " + q(*name) + " contradicts the membership, which spells it " + q(member->name));
        if (member) out.commune = member->name;
        if (auto n = r_.integer(d, here, "promotion", Need::Required, 1, 99)) {
            out.promotion = *n;
            district_promotions_.emplace_back(*n, json_pointer(here, "promotion"));
        }
        out.mayor = r_.string(d, here, "mayor", Need::Optional);
        if (auto dep = r_.string(d, here, "department", Need::Required)) {
            out.department = *dep;
            const std::string at = json_pointer(here, "department");
            if (!membership_.find_department(*dep))
                r_.error(at, "unknown department " + q(*dep));
            else if (member && member->department != *dep)
                r_.error(at, "department " + q(*dep) + " contradicts the membership: " + member->name + " is in " +
                                 q(member->department));
        }
        if (auto ter = r_.string(d, here, "territory", Need::Required)) {
            out.territory = *ter;
            const std::string at = json_pointer(here, "territory");
            if (!membership_.find_territory(*ter)) {
                r_.error(at, "unknown territory " + q(*ter) + ": not an EPT code or \"75056\" (Paris)");
            } else if (member && member->territory != *ter) {
                const Territory* real = membership_.find_territory(member->territory);
                r_.error(at, "territory (EPT) " + q(*ter) + " contradicts the membership: " + member->name +
                                 " is in " + q(member->territory) + (real ? " (" + real->name + ")" : ""));
            }
        }
        out.challenge = r_.text(d, here, "challenge", Need::Optional);
        out.site_name = r_.text(d, here, "site_name", Need::Optional);
        out.site_description = r_.text(d, here, "site_description", Need::Optional);
        c.districts.push_back(std::move(out));
    }

    void read_window(const Json& w, const std::string& here, Content& c) {
        if (!r_.expect_object(w, here)) return;
        r_.reject_unknown(w, here, {"id", "name", "opens", "closes", "precision", "districts", "url"});
        CallWindow out;
        if (auto id = r_.string(w, here, "id", Need::Required)) {
            for (const auto& seen : c.call_windows)
                if (seen.id == *id) r_.error(json_pointer(here, "id"), "duplicate call window id " + q(*id));
            out.id = *id;
        }
        out.name = r_.text(w, here, "name", Need::Required).value_or(LocalizedText{});
        bool precision_ok = true;
        if (auto p = r_.string(w, here, "precision", Need::Optional)) {
            if (*p == "day") out.precision = DatePrecision::Day;
            else if (*p == "month") out.precision = DatePrecision::Month;
            else {
                r_.error(json_pointer(here, "precision"), "expected \"day\" or \"month\", got " + q(*p));
                precision_ok = false;
            }
        }
        std::optional<DaySpan> opens, closes;
        if (precision_ok) {
            opens = read_window_date(w, here, "opens", out.precision);
            closes = read_window_date(w, here, "closes", out.precision);
        }
        if (opens && closes) {
            out.opens = date::local_seconds(opens->first);
            out.closes = date::local_seconds(closes->last + date::days(1)) - std::chrono::seconds(1);
            if (closes->last < opens->first)
                r_.error(json_pointer(here, "closes"), "call window ends (" + w["closes"].get<std::string>() +
                                                           ") before it starts (" + w["opens"].get<std::string>() +
                                                           ")");
        }
        if (const Json* list = r_.array(w, here, "districts", Need::Required)) {
            const std::string at = json_pointer(here, "districts");
            for (size_t i = 0; i < list->size(); ++i) {
                auto insee = r_.string_value((*list)[i], json_pointer(at, i));
                if (!insee) continue;
                if (std::find(out.districts.begin(), out.districts.end(), *insee) != out.districts.end())
                    r_.error(json_pointer(at, i), "district " + q(*insee) + " listed twice");
                out.districts.push_back(*insee);
                window_districts_.emplace_back(*insee, json_pointer(at, i));
            }
            if (list->empty()) r_.error(at, "a call window must name at least one district");
        }
        out.url = read_url(w, here, "url", Need::Optional, /*allow_empty=*/false);
        c.call_windows.push_back(std::move(out));
    }

    std::optional<DaySpan> read_window_date(const Json& w, const std::string& here, std::string_view key,
                                            DatePrecision precision) {
        auto s = r_.string(w, here, key, Need::Required);
        if (!s) return std::nullopt;
        const std::string at = json_pointer(here, key);
        const auto d = parse_iso(*s);
        if (precision == DatePrecision::Month) {
            if (d && d->has_day) {
                r_.error(at, "month precision with a day given: expected YYYY-MM, got " + q(*s));
                return std::nullopt;
            }
            if (!d) {
                r_.error(at, "bad date format: expected YYYY-MM for a month-precision window, got " + q(*s));
                return std::nullopt;
            }
        } else if (!d || !d->has_day) {
            r_.error(at, "bad date format: expected YYYY-MM-DD, got " + q(*s) +
                             (d ? " (add \"precision\": \"month\" for a date known to the month)" : ""));
            return std::nullopt;
        }
        if (!date_exists(*d)) {
            r_.error(at, "bad date: " + q(*s) + " does not exist");
            return std::nullopt;
        }
        const date::year y{d->year};
        const date::month m{d->month};
        if (d->has_day) {
            const date::local_days day{y / m / date::day{d->day}};
            return DaySpan{day, day};
        }
        return DaySpan{date::local_days{y / m / 1}, date::local_days{y / m / date::last}};
    }

    std::optional<std::string> read_url(const Json& obj, const std::string& here, std::string_view key, Need need,
                                        bool allow_empty) {
        auto url = r_.string(obj, here, key, need, allow_empty);
        if (!url || url->empty()) return url;
        // The QR code sends visitors' phones there: only https, and no spaces or control characters.
        bool clean = url->rfind("https://", 0) == 0 && url->size() > 8;
        for (unsigned char ch : *url) clean = clean && ch > 0x20 && ch != 0x7F;
        if (!clean) {
            r_.error(json_pointer(here, key), "expected an https:// URL without spaces, got " + q(*url));
            return std::nullopt;
        }
        return url;
    }

    static bool date_exists(const IsoDate& d) {
        if (d.year < 1900 || d.year > 2200) return false;
        const date::year_month ym{date::year{d.year}, date::month{d.month}};
        if (!ym.ok()) return false;
        return !d.has_day || (ym / date::day{d.day}).ok();
    }

    FieldReader r_;
    const Membership& membership_;
    bool promotions_readable_ = false;
    bool districts_listed_ = false;
    std::set<std::string, std::less<>> district_codes_;
    std::vector<std::pair<int, std::string>> district_promotions_;          // promotion, JSON pointer
    std::vector<std::pair<std::string, std::string>> window_districts_;     // INSEE, JSON pointer
};

}  // namespace

ContentLoad parse_content(std::string_view bytes, const std::string& file_label, const Membership& membership) {
    ContentLoad out;
    const auto doc = parse_json_document(bytes, file_label, out.errors);
    if (!doc) return out;
    Content content;
    ContentReader(file_label, out.errors, membership).read(*doc, content);
    if (out.errors.empty()) out.content = std::move(content);
    return out;
}

ContentLoad load_content_file(const std::filesystem::path& file, const std::string& file_label,
                              const Membership& membership) {
    ContentLoad out;
    const auto bytes = read_config_file(file, file_label, kMaxContentBytes, out.errors);
    if (!bytes) return out;
    return parse_content(*bytes, file_label, membership);
}

}  // namespace qmi
