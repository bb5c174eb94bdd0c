#include "core/content_loader.hpp"

#include <algorithm>
#include <set>

#include "core/content_store.hpp"

namespace qmi {

namespace {

using namespace std::chrono_literals;
using TextLimits = FieldReader::TextLimits;

// Length limits, in characters, per field: what the panel, the banner and the sources view can show without
// turning into a wall of text. The longest real texts (site descriptions) are about 500 characters.
namespace limits {
inline constexpr size_t kId = 64;             // ids of sources, windows, events: short ASCII names
inline constexpr size_t kVersion = 64;
inline constexpr size_t kProgrammeName = 120;
inline constexpr size_t kOperators = 300;
inline constexpr size_t kDescription = 1500;  // programme description, summaries, site descriptions
inline constexpr size_t kPromotionName = 60;
inline constexpr size_t kMayor = 80;          // the longest French mayor names are about 40 characters
inline constexpr size_t kChallenge = 400;
inline constexpr size_t kSiteName = 150;
inline constexpr size_t kExperiment = 600;
inline constexpr size_t kWindowName = 120;
inline constexpr size_t kTitle = 300;         // source titles and document descriptions, timeline titles
inline constexpr size_t kPublisher = 120;
inline constexpr size_t kReason = 200;
inline constexpr size_t kUrlBytes = 500;      // a QR code of 500 bytes is already version 17 (85 modules)
}  // namespace limits

constexpr TextLimits kOneLine(size_t n) { return TextLimits{n, false}; }
constexpr TextLimits kParagraph(size_t n) { return TextLimits{n, true}; }

std::string q(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > limits::kId) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    return true;
}
constexpr const char* kIdRule = "expected an id of 1 to 64 characters among a-z, 0-9, '-', '_' and '.'";

class ContentReader {
public:
    ContentReader(const std::string& label, ConfigErrors& errors, const Membership& membership)
        : r_(label, errors), membership_(membership) {}

    void read(const Json& doc, Content& c) {
        if (!r_.expect_object(doc, "")) return;
        r_.reject_unknown(doc, "", {"version", "published", "sources", "review_after", "programme", "districts",
                                    "call_windows", "timeline", "tour"});
        c.version = r_.string(doc, "", "version", Need::Required, false, limits::kVersion).value_or("");
        // Bundled, cached and feed content are compared by this instant (newest wins): it must be exact.
        c.published = r_.string(doc, "", "published", Need::Required).value_or("");
        if (!c.published.empty() && !parse_publication_time(c.published))
            r_.error("/published", "expected a date-time with offset such as \"2024-02-06T12:00:00+01:00\", got " +
                                       q(c.published));
        // Sources first: every fact below names them.
        if (const Json* s = r_.object(doc, "", "sources", Need::Required)) read_sources(*s, c);
        if (const Json* rules = r_.object(doc, "", "review_after", Need::Optional)) read_review(*rules, c);
        if (const Json* p = r_.object(doc, "", "programme", Need::Required)) read_programme(*p, c, c.programme);
        if (const Json* list = r_.array(doc, "", "districts", Need::Required)) {
            districts_listed_ = true;
            for (size_t i = 0; i < list->size(); ++i) read_district((*list)[i], json_pointer("/districts", i), c);
        }
        if (const Json* list = r_.array(doc, "", "call_windows", Need::Required)) {
            windows_listed_ = true;
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
        // The timeline and the tour reference windows, promotions and districts: read last.
        if (const Json* list = r_.array(doc, "", "timeline", Need::Optional)) {
            for (size_t i = 0; i < list->size(); ++i) read_event((*list)[i], json_pointer("/timeline", i), c);
            std::stable_sort(c.timeline.begin(), c.timeline.end(),
                             [](const TimelineEvent& a, const TimelineEvent& b) { return earlier(a.start, b.start); });
        }
        if (const Json* list = r_.array(doc, "", "tour", Need::Optional))
            for (size_t i = 0; i < list->size(); ++i) read_step((*list)[i], i, c);
    }

private:
    // --- sources and provenance ------------------------------------------------------------------------------

    void read_sources(const Json& s, Content& c) {
        sources_readable_ = true;
        for (const auto& [id, value] : s.items()) {
            if (!id.empty() && id[0] == '$') continue;
            const std::string here = json_pointer("/sources", id);
            if (!valid_id(id)) {
                r_.error(here, std::string("bad source id ") + q(id) + ": " + kIdRule);
                continue;
            }
            source_ids_.insert(id);  // even if its fields are wrong, so facts naming it are not reported twice
            if (!r_.expect_object(value, here)) continue;
            r_.reject_unknown(value, here, {"title", "publisher", "url", "document", "published"});
            Source out;
            out.id = id;
            out.title = r_.text(value, here, "title", Need::Required, kOneLine(limits::kTitle)).value_or(LocalizedText{});
            out.publisher = r_.string(value, here, "publisher", Need::Optional, false, limits::kPublisher);
            out.url = read_url(value, here, "url", Need::Optional);
            if (value.contains("url") && !out.url) bad_url_sources_.insert(id);  // reported once, here
            out.document = r_.text(value, here, "document", Need::Optional, kOneLine(limits::kTitle));
            if (!value.contains("url") && !value.contains("document"))
                r_.error(here, "a source needs \"url\" (its public https page) or \"document\" (what it is, when it "
                               "has no URL)");
            out.published = read_date(value, here, "published", Need::Optional);
            c.sources.push_back(std::move(out));
        }
    }

    // "source": "id" or ["id", ...], and "as_of": the date the fact holds for. Both required on every fact.
    std::optional<Provenance> read_provenance(const Json& obj, const std::string& here, const Content& c) {
        Provenance out;
        bool ok = true;
        const Json* s = r_.field(obj, here, "source", Need::Required);
        const std::string at = json_pointer(here, "source");
        if (!s) {
            ok = false;
        } else if (s->is_string()) {
            ok = add_source_ref(*s, at, out) && ok;
        } else if (s->is_array()) {
            if (s->empty()) {
                r_.error(at, "no source: name at least one id of /sources");
                ok = false;
            }
            for (size_t i = 0; i < s->size(); ++i) ok = add_source_ref((*s)[i], json_pointer(at, i), out) && ok;
        } else {
            r_.error(at, std::string("expected a source id or an array of source ids, got ") + json_type_name(*s));
            ok = false;
        }
        const auto as_of = read_date(obj, here, "as_of", Need::Required);
        if (!as_of) return std::nullopt;
        out.as_of = *as_of;
        const std::string as_of_at = json_pointer(here, "as_of");
        // A source cannot vouch for a state of things later than itself.
        for (const std::string& id : out.sources)
            if (const Source* src = c.find_source(id); src && src->published && as_of->first_day() > src->published->last_day()) {
                r_.error(as_of_at, "as_of " + as_of->iso() + " is after the publication of source " + q(id) + " (" +
                                       src->published->iso() + "): a source cannot vouch for a later date");
                ok = false;
            }
        if (!ok) return std::nullopt;
        return out;
    }

    bool add_source_ref(const Json& v, const std::string& at, Provenance& out) {
        auto id = r_.string_value(v, at);
        if (!id) return false;
        if (sources_readable_ && !source_ids_.count(*id)) {
            r_.error(at, "unknown source " + q(*id) + ": add it to /sources, or name one that is there");
            return false;
        }
        if (std::find(out.sources.begin(), out.sources.end(), *id) != out.sources.end()) {
            r_.error(at, "source " + q(*id) + " listed twice");
            return false;
        }
        out.sources.push_back(*id);
        return true;
    }

    // A text stating facts: {"fr", "en", "source", "as_of"}.
    std::optional<SourcedText> sourced_text(const Json& value, const std::string& here, TextLimits lim,
                                            const Content& c) {
        auto text = r_.text_value(value, here, lim, {"source", "as_of"});
        auto provenance = value.is_object() ? read_provenance(value, here, c) : std::nullopt;
        if (!text || !provenance) return std::nullopt;
        SourcedText out;
        static_cast<LocalizedText&>(out) = std::move(*text);
        out.provenance = std::move(*provenance);
        return out;
    }
    std::optional<SourcedText> sourced_text(const Json& obj, const std::string& path, std::string_view key, Need need,
                                            TextLimits lim, const Content& c) {
        const Json* v = r_.field(obj, path, key, need);
        if (!v) return std::nullopt;
        return sourced_text(*v, json_pointer(path, key), lim, c);
    }
    // [{"fr", "en", "source", "as_of"}, ...]
    std::vector<SourcedText> sourced_paragraphs(const Json& obj, const std::string& path, std::string_view key,
                                                TextLimits lim, const Content& c) {
        std::vector<SourcedText> out;
        const Json* list = r_.array(obj, path, key, Need::Optional);
        if (!list) return out;
        const std::string at = json_pointer(path, key);
        for (size_t i = 0; i < list->size(); ++i)
            if (auto t = sourced_text((*list)[i], json_pointer(at, i), lim, c)) out.push_back(std::move(*t));
        return out;
    }

    // The id of a source that has a URL: programme page, application page.
    std::optional<std::string> page_source(const Json& obj, const std::string& here, std::string_view key,
                                           const Content& c) {
        auto id = r_.string(obj, here, key, Need::Optional);
        if (!id) return std::nullopt;
        const std::string at = json_pointer(here, key);
        const Source* s = c.find_source(*id);
        if (!s) {
            if (sources_readable_ && !source_ids_.count(*id))
                r_.error(at, "unknown source " + q(*id) + ": the page must be a source listed in /sources");
            return std::nullopt;
        }
        if (!s->url) {
            if (!bad_url_sources_.count(*id))
                r_.error(at, "source " + q(*id) + " has no \"url\": a QR code can only open a source's public page");
            return std::nullopt;
        }
        return id;
    }

    // --- staleness rules ---------------------------------------------------------------------------------------

    void read_review(const Json& rules, Content& c) {
        for (const auto& [key, value] : rules.items()) {
            if (!key.empty() && key[0] == '$') continue;
            const std::string here = json_pointer("/review_after", key);
            const auto kind = parse_fact_kind(key);
            if (!kind) {
                std::string known;
                for (FactKind k : kAllFactKinds) known += std::string(known.empty() ? "" : ", ") + fact_kind_key(k);
                r_.error(here, "unknown kind of fact " + q(key) + " (expected one of: " + known + ")");
                continue;
            }
            if (!r_.expect_object(value, here)) continue;
            r_.reject_unknown(value, here, {"from", "reason"});
            ReviewRule rule;
            rule.kind = *kind;
            const auto from = read_date(value, here, "from", Need::Required);
            rule.reason = r_.text(value, here, "reason", Need::Optional, kOneLine(limits::kReason)).value_or(LocalizedText{});
            if (from) {
                rule.from = *from;
                c.review_after.push_back(std::move(rule));
            }
        }
    }

    // --- programme, promotions -----------------------------------------------------------------------------------

    void read_programme(const Json& p, const Content& c, Programme& out) {
        const std::string here = "/programme";
        r_.reject_unknown(p, here, {"name", "operators", "description", "page", "promotions"});
        out.name = r_.text(p, here, "name", Need::Required, kOneLine(limits::kProgrammeName)).value_or(LocalizedText{});
        out.operators =
            sourced_text(p, here, "operators", Need::Required, kOneLine(limits::kOperators), c).value_or(SourcedText{});
        out.description = sourced_text(p, here, "description", Need::Required, kParagraph(limits::kDescription), c)
                              .value_or(SourcedText{});
        // Optional on purpose: without a page and without an announced call, the kiosk shows no QR code at all.
        out.page = page_source(p, here, "page", c);
        if (out.page) out.page_url = c.find_source(*out.page)->url;
        const size_t errors_before = r_.error_count();
        if (const Json* list = r_.array(p, here, "promotions", Need::Required)) {
            for (size_t i = 0; i < list->size(); ++i)
                read_promotion((*list)[i], json_pointer(json_pointer(here, "promotions"), i), c, out);
            if (list->empty()) r_.error(json_pointer(here, "promotions"), "no promotions");
        }
        promotions_readable_ = r_.error_count() == errors_before;
    }

    void read_promotion(const Json& p, const std::string& here, const Content& c, Programme& out) {
        if (!r_.expect_object(p, here)) return;
        r_.reject_unknown(p, here, {"number", "name", "launched_year", "selected_on", "source", "as_of", "summary",
                                    "status"});
        Promotion promo;
        const auto number = r_.integer(p, here, "number", Need::Required, 1, 99);
        if (number) {
            for (const auto& seen : out.promotions)
                if (seen.number == *number)
                    r_.error(json_pointer(here, "number"), "duplicate promotion " + std::to_string(*number));
            promo.number = *number;
        }
        promo.name = r_.text(p, here, "name", Need::Required, kOneLine(limits::kPromotionName)).value_or(LocalizedText{});
        promo.launched_year = r_.integer(p, here, "launched_year", Need::Optional, 2000, 2100);
        if (const auto d = read_date(p, here, "selected_on", Need::Optional)) {
            if (d->precision() != DatePrecision::Day)
                r_.error(json_pointer(here, "selected_on"), "bad date format: expected YYYY-MM-DD, got " + q(d->iso()));
            else
                promo.selected_on = *d;
        }
        promo.provenance = read_provenance(p, here, c).value_or(Provenance{});
        promo.summary = sourced_paragraphs(p, here, "summary", kParagraph(limits::kDescription), c);
        if (const Json* s = r_.object(p, here, "status", Need::Optional)) promo.status = read_status(*s, json_pointer(here, "status"), c);
        if (number) out.promotions.push_back(std::move(promo));
    }

    std::optional<PromotionStatus> read_status(const Json& s, const std::string& here, const Content& c) {
        r_.reject_unknown(s, here, {"state", "date", "source", "as_of"});
        PromotionStatus out;
        bool ok = true;
        if (auto state = r_.string(s, here, "state", Need::Required)) {
            if (*state == "running") out.state = PromotionStatus::State::Running;
            else if (*state == "ended") out.state = PromotionStatus::State::Ended;
            else {
                r_.error(json_pointer(here, "state"), "expected \"running\" or \"ended\", got " + q(*state));
                ok = false;
            }
        } else {
            ok = false;
        }
        out.date = read_date(s, here, "date", Need::Optional);
        auto provenance = read_provenance(s, here, c);
        if (!provenance) return std::nullopt;
        out.provenance = *provenance;
        if (ok && out.date && out.date->first_day() > out.provenance.as_of.last_day()) {
            r_.error(json_pointer(here, "date"), "date " + out.date->iso() + " is after as_of " +
                                                     out.provenance.as_of.iso() +
                                                     ": the status cannot be known before it happens");
            ok = false;
        }
        if (!ok) return std::nullopt;
        return out;
    }

    // --- districts -----------------------------------------------------------------------------------------------

    void read_district(const Json& d, const std::string& here, Content& c) {
        if (!r_.expect_object(d, here)) return;
        r_.reject_unknown(d, here, {"insee", "commune", "promotion", "source", "as_of", "mayor", "department",
                                    "territory", "challenge", "site", "experiments"});
        District out;
        const MemberCommune* member = nullptr;
        if (auto insee = r_.string(d, here, "insee", Need::Required, false, 10)) {
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
        if (auto name = r_.string(d, here, "commune", Need::Optional, false, limits::kSiteName); name && member && *name != member->name)
            r_.error(json_pointer(here, "commune"),
                     "commune name " + q(*name) + " contradicts the membership, which spells it " + q(member->name));
        if (member) out.commune = member->name;
        if (auto n = r_.integer(d, here, "promotion", Need::Required, 1, 99)) {
            out.promotion = *n;
            district_promotions_.emplace_back(*n, json_pointer(here, "promotion"));
        }
        out.provenance = read_provenance(d, here, c).value_or(Provenance{});
        if (const Json* m = r_.object(d, here, "mayor", Need::Optional)) {
            const std::string at = json_pointer(here, "mayor");
            r_.reject_unknown(*m, at, {"name", "source", "as_of"});
            auto name = r_.string(*m, at, "name", Need::Required, false, limits::kMayor);
            if (name && name->find('\n') != std::string::npos) {
                r_.error(json_pointer(at, "name"), "line break in a one-line text");
                name.reset();
            }
            auto provenance = read_provenance(*m, at, c);
            if (name && provenance) out.mayor = District::Mayor{*name, *provenance};
        }
        if (auto dep = r_.string(d, here, "department", Need::Required, false, 3)) {
            out.department = *dep;
            const std::string at = json_pointer(here, "department");
            if (!membership_.find_department(*dep))
                r_.error(at, "unknown department " + q(*dep));
            else if (member && member->department != *dep)
                r_.error(at, "department " + q(*dep) + " contradicts the membership: " + member->name + " is in " +
                                 q(member->department));
        }
        if (auto ter = r_.string(d, here, "territory", Need::Required, false, 12)) {
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
        out.challenge = sourced_text(d, here, "challenge", Need::Optional, kParagraph(limits::kChallenge), c);
        if (const Json* s = r_.object(d, here, "site", Need::Optional)) read_site(*s, json_pointer(here, "site"), c, out);
        out.experiments = sourced_paragraphs(d, here, "experiments", kParagraph(limits::kExperiment), c);
        c.districts.push_back(std::move(out));
    }

    // "site": {"name": Text, "description": Text, "source", "as_of"}: at least one of name and description.
    void read_site(const Json& s, const std::string& here, const Content& c, District& out) {
        r_.reject_unknown(s, here, {"name", "description", "source", "as_of"});
        auto name = r_.text(s, here, "name", Need::Optional, kOneLine(limits::kSiteName));
        auto about = r_.text(s, here, "description", Need::Optional, kParagraph(limits::kDescription));
        if (!s.contains("name") && !s.contains("description"))
            r_.error(here, "a site needs \"name\" or \"description\" (omit \"site\" when neither is known)");
        const auto provenance = read_provenance(s, here, c);
        if (!provenance) return;
        auto sourced = [&](LocalizedText t) {
            SourcedText out;
            static_cast<LocalizedText&>(out) = std::move(t);
            out.provenance = *provenance;
            return out;
        };
        if (name) out.site_name = sourced(std::move(*name));
        if (about) out.site_description = sourced(std::move(*about));
    }

    // --- call windows ----------------------------------------------------------------------------------------------

    void read_window(const Json& w, const std::string& here, Content& c) {
        if (!r_.expect_object(w, here)) return;
        r_.reject_unknown(w, here, {"id", "name", "opens", "closes", "precision", "districts", "apply_page", "source",
                                    "as_of"});
        CallWindow out;
        if (auto id = r_.string(w, here, "id", Need::Required)) {
            if (!valid_id(*id)) r_.error(json_pointer(here, "id"), "bad call window id " + q(*id) + ": " + kIdRule);
            for (const auto& seen : c.call_windows)
                if (seen.id == *id) r_.error(json_pointer(here, "id"), "duplicate call window id " + q(*id));
            out.id = *id;
            window_ids_.insert(*id);
        }
        out.name = r_.text(w, here, "name", Need::Required, kOneLine(limits::kWindowName)).value_or(LocalizedText{});
        bool precision_ok = true;
        if (auto p = r_.string(w, here, "precision", Need::Optional)) {
            if (*p == "day") out.precision = DatePrecision::Day;
            else if (*p == "month") out.precision = DatePrecision::Month;
            else {
                r_.error(json_pointer(here, "precision"), "expected \"day\" or \"month\", got " + q(*p));
                precision_ok = false;
            }
        }
        std::optional<PartialDate> opens, closes;
        if (precision_ok) {
            opens = read_window_date(w, here, "opens", out.precision);
            closes = read_window_date(w, here, "closes", out.precision);
        }
        if (opens && closes) {
            out.opens = date::local_seconds(opens->first_day());
            out.closes = date::local_seconds(closes->last_day() + date::days(1)) - std::chrono::seconds(1);
            if (closes->last_day() < opens->first_day())
                r_.error(json_pointer(here, "closes"), "call window ends (" + closes->iso() + ") before it starts (" +
                                                           opens->iso() + ")");
        }
        if (const Json* list = r_.array(w, here, "districts", Need::Required)) {
            const std::string at = json_pointer(here, "districts");
            for (size_t i = 0; i < list->size(); ++i) {
                auto insee = r_.string_value((*list)[i], json_pointer(at, i), false, 10);
                if (!insee) continue;
                if (std::find(out.districts.begin(), out.districts.end(), *insee) != out.districts.end())
                    r_.error(json_pointer(at, i), "district " + q(*insee) + " listed twice");
                out.districts.push_back(*insee);
                window_districts_.emplace_back(*insee, json_pointer(at, i));
            }
            if (list->empty()) r_.error(at, "a call window must name at least one district");
        }
        out.provenance = read_provenance(w, here, c).value_or(Provenance{});
        // The application page is a source like any other: no URL reaches a QR code unless a source gives it.
        out.apply_page = page_source(w, here, "apply_page", c);
        if (out.apply_page) out.url = c.find_source(*out.apply_page)->url;
        c.call_windows.push_back(std::move(out));
    }

    std::optional<PartialDate> read_window_date(const Json& w, const std::string& here, std::string_view key,
                                                DatePrecision precision) {
        auto s = r_.string(w, here, key, Need::Required);
        if (!s) return std::nullopt;
        const std::string at = json_pointer(here, key);
        std::string why;
        const auto d = parse_partial_date(*s, &why);
        const bool shape_ok = d || why != "expected YYYY, YYYY-MM or YYYY-MM-DD";
        if (precision == DatePrecision::Month) {
            if (d && d->precision() == DatePrecision::Day) {
                r_.error(at, "month precision with a day given: expected YYYY-MM, got " + q(*s));
                return std::nullopt;
            }
            if (s->size() != 7 || !shape_ok) {
                r_.error(at, "bad date format: expected YYYY-MM for a month-precision window, got " + q(*s));
                return std::nullopt;
            }
        } else if (s->size() != 10 || !shape_ok) {
            r_.error(at, "bad date format: expected YYYY-MM-DD, got " + q(*s) +
                             (s->size() == 7 && shape_ok ? " (add \"precision\": \"month\" for a date known to the month)"
                                                         : ""));
            return std::nullopt;
        }
        if (!d) {
            r_.error(at, "bad date: " + q(*s) + " does not exist");
            return std::nullopt;
        }
        return d;
    }

    // --- timeline and tour -------------------------------------------------------------------------------------

    void read_event(const Json& e, const std::string& here, Content& c) {
        if (!r_.expect_object(e, here)) return;
        TimelineEvent out;
        if (auto id = r_.string(e, here, "id", Need::Required)) {
            if (!valid_id(*id)) r_.error(json_pointer(here, "id"), "bad event id " + q(*id) + ": " + kIdRule);
            for (const auto& seen : c.timeline)
                if (seen.id == *id) r_.error(json_pointer(here, "id"), "duplicate event id " + q(*id));
            out.id = *id;
        }
        if (e.contains("call_window")) {
            // A call is referenced, never copied: dates, name and sources are the window's.
            r_.reject_unknown(e, here, {"id", "call_window", "title"});
            auto ref = r_.string(e, here, "call_window", Need::Required);
            auto title = r_.text(e, here, "title", Need::Optional, kOneLine(limits::kTitle));
            if (!ref) return;
            const CallWindow* w = c.find_window(*ref);
            if (!w) {
                if (windows_listed_ && !window_ids_.count(*ref))
                    r_.error(json_pointer(here, "call_window"), "unknown call window " + q(*ref) +
                                                                    ": no entry in /call_windows has this id");
                return;
            }
            out.call_window = w->id;
            out.title = title ? *title : w->name;
            out.start = w->opens_date();
            out.end = w->closes_date();
            out.provenance = w->provenance;
            c.timeline.push_back(std::move(out));
            return;
        }
        r_.reject_unknown(e, here, {"id", "title", "date", "from", "to", "source", "as_of"});
        auto title = r_.text(e, here, "title", Need::Required, kOneLine(limits::kTitle));
        const bool has_date = e.contains("date"), has_period = e.contains("from") || e.contains("to");
        if (has_date == has_period) {
            r_.error(here, has_date ? "give either \"date\" or \"from\" and \"to\", not both"
                                    : "missing \"date\" (or \"from\" and \"to\" for a period, or \"call_window\")");
            read_provenance(e, here, c);
            return;
        }
        std::optional<PartialDate> start, end;
        bool ok = true;
        if (has_date) {
            start = read_date(e, here, "date", Need::Required);
            ok = start.has_value();
        } else {
            start = read_date(e, here, "from", Need::Required);
            end = read_date(e, here, "to", Need::Required);
            ok = start && end;
            if (ok && end->last_day() < start->first_day()) {
                r_.error(json_pointer(here, "to"), "period ends (" + end->iso() + ") before it starts (" +
                                                       start->iso() + ")");
                ok = false;
            }
        }
        auto provenance = read_provenance(e, here, c);
        if (!ok || !title || !provenance) return;
        out.title = *title;
        out.start = *start;
        out.end = end;
        out.provenance = *provenance;
        c.timeline.push_back(std::move(out));
    }

    void read_step(const Json& s, size_t index, Content& c) {
        const std::string here = json_pointer("/tour", index);
        if (!r_.expect_object(s, here)) return;
        auto kind = r_.string(s, here, "kind", Need::Required);
        if (!kind) return;
        TourStep step;
        if (*kind == "programme" || *kind == "calls" || *kind == "timeline") {
            r_.reject_unknown(s, here, {"kind"});
            step.kind = *kind == "programme" ? TourStep::Kind::Programme
                        : *kind == "calls"   ? TourStep::Kind::Calls
                                             : TourStep::Kind::Timeline;
        } else if (*kind == "promotion") {
            r_.reject_unknown(s, here, {"kind", "number"});
            step.kind = TourStep::Kind::Promotion;
            const auto n = r_.integer(s, here, "number", Need::Required, 1, 99);
            if (!n) return;
            if (promotions_readable_ && !c.find_promotion(*n)) {
                r_.error(json_pointer(here, "number"), "promotion " + std::to_string(*n) +
                                                           " does not exist (not listed in /programme/promotions)");
                return;
            }
            step.promotion = *n;
        } else if (*kind == "district") {
            r_.reject_unknown(s, here, {"kind", "insee"});
            step.kind = TourStep::Kind::District;
            auto insee = r_.string(s, here, "insee", Need::Required, false, 10);
            if (!insee) return;
            if (districts_listed_ && !district_codes_.count(*insee)) {
                r_.error(json_pointer(here, "insee"), "unknown district " + q(*insee) +
                                                          ": no entry in /districts has this INSEE code");
                return;
            }
            step.insee = *insee;
        } else {
            r_.error(json_pointer(here, "kind"), "unknown step kind " + q(*kind) +
                                                     " (expected programme, promotion, district, calls or timeline)");
            return;
        }
        for (size_t i = 0; i < c.tour.size(); ++i) {
            const TourStep& t = c.tour[i];
            if (t.kind == step.kind && t.promotion == step.promotion && t.insee == step.insee) {
                r_.error(here, "the same step is already at " + json_pointer("/tour", tour_paths_[i]));
                return;
            }
        }
        c.tour.push_back(step);
        tour_paths_.push_back(index);
    }

    // --- values --------------------------------------------------------------------------------------------------

    std::optional<PartialDate> read_date(const Json& obj, const std::string& here, std::string_view key, Need need) {
        auto s = r_.string(obj, here, key, need);
        if (!s) return std::nullopt;
        std::string why;
        const auto d = parse_partial_date(*s, &why);
        if (!d) {
            const std::string at = json_pointer(here, key);
            if (why == "no such date") r_.error(at, "bad date: " + q(*s) + " does not exist");
            else if (why.rfind("expected", 0) == 0) r_.error(at, "bad date format: " + why + ", got " + q(*s));
            else r_.error(at, "bad date: " + q(*s) + ": " + why);
        }
        return d;
    }

    std::optional<std::string> read_url(const Json& obj, const std::string& here, std::string_view key, Need need) {
        auto url = r_.string(obj, here, key, need);
        if (!url) return url;
        if (const std::string why = url_problem(*url); !why.empty()) {
            r_.error(json_pointer(here, key), why);
            return std::nullopt;
        }
        return url;
    }

    FieldReader r_;
    const Membership& membership_;
    bool sources_readable_ = false;
    bool promotions_readable_ = false;
    bool districts_listed_ = false;
    bool windows_listed_ = false;
    std::set<std::string, std::less<>> source_ids_;
    std::set<std::string, std::less<>> bad_url_sources_;
    std::set<std::string, std::less<>> district_codes_;
    std::set<std::string, std::less<>> window_ids_;
    std::vector<std::pair<int, std::string>> district_promotions_;          // promotion, JSON pointer
    std::vector<std::pair<std::string, std::string>> window_districts_;     // INSEE, JSON pointer
    std::vector<size_t> tour_paths_;                                        // index in /tour of each kept step
};

}  // namespace

std::string url_problem(std::string_view url) {
    const std::string shown = url.size() > 80 ? std::string(url.substr(0, 80)) + "..." : std::string(url);
    if (url.rfind("https://", 0) != 0)
        return "expected an https:// URL, got " + q(shown) + " (visitors' phones open it: http:// and file:// are refused)";
    if (url.size() > limits::kUrlBytes)
        return "URL too long: " + std::to_string(url.size()) + " bytes, the limit is " + std::to_string(limits::kUrlBytes);
    for (unsigned char ch : url)
        if (ch <= 0x20 || ch >= 0x7F)
            return "expected an https:// URL without spaces, control or non-ASCII characters (percent-encode them), got " +
                   q(shown);
    const std::string_view rest = url.substr(8);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.empty()) return "expected an https:// URL with a host name, got " + q(shown);
    if (authority.find('@') != std::string_view::npos)
        return "a URL shown to visitors must not carry a user name or password, got " + q(shown);
    return "";
}

ContentLoad parse_content(std::string_view bytes, const std::string& file_label, const Membership& membership,
                          const GlyphPredicate& drawable) {
    ContentLoad out;
    TextChecks checks;
    checks.max_string_bytes = kMaxContentStringBytes;
    checks.drawable = drawable;
    const auto doc = parse_json_document(bytes, file_label, out.errors, 64, &checks);
    if (!doc) return out;
    Content content;
    ContentReader(file_label, out.errors, membership).read(*doc, content);
    if (out.errors.empty()) out.content = std::move(content);
    return out;
}

ContentLoad load_content_file(const std::filesystem::path& file, const std::string& file_label,
                              const Membership& membership, const GlyphPredicate& drawable) {
    ContentLoad out;
    const auto bytes = read_config_file(file, file_label, kMaxContentBytes, out.errors);
    if (!bytes) return out;
    return parse_content(*bytes, file_label, membership, drawable);
}

}  // namespace qmi
