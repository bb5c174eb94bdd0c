// The programme as data: what config/content.json says, after validation. Pure values, no I/O.
// Loading and validation live in content_loader.hpp; the countdown reads CallWindow; the panel reads District.
//
// Every fact carries its Provenance: the sources it comes from (ids into Content::sources) and the date it holds
// for. A fact the sources do not give is absent, never guessed; the screen then says so.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/partial_date.hpp"
#include "core/text.hpp"

namespace qmi {

// A public document the facts come from: a web page (url) or a document without one (described in `document`).
struct Source {
    std::string id;                          // "mgp-phase-2-launch": what facts reference
    LocalizedText title;                     // how the kiosk names it: the page's subject and its site
    std::optional<std::string> publisher;    // "Métropole du Grand Paris", only when known
    std::optional<std::string> url;          // https; exactly one of url and document
    std::optional<LocalizedText> document;   // "Announcement ... (February 2024)", for a source without a URL
    std::optional<PartialDate> published;    // when the source appeared, when known
};

// Where a fact comes from and when it was true.
struct Provenance {
    std::vector<std::string> sources;  // ids into Content::sources, at least one, all existing
    PartialDate as_of;                 // the date the fact holds for (never after its sources' publication)
};

// A text that states facts, with its provenance.
struct SourcedText : LocalizedText {
    Provenance provenance;
};

// The kinds of facts, for staleness rules (Content::review_after) and for the Sources view ("used for").
enum class FactKind { Programme, Promotion, District, Mayor, Challenge, Site, Experiment, CallWindow, Timeline };
inline constexpr FactKind kAllFactKinds[] = {FactKind::Programme, FactKind::Promotion,  FactKind::District,
                                             FactKind::Mayor,     FactKind::Challenge,  FactKind::Site,
                                             FactKind::Experiment, FactKind::CallWindow, FactKind::Timeline};
// "programme", "promotion", "district", "mayor", "challenge", "site", "experiment", "call_window", "timeline":
// the keys of review_after in content.json.
const char* fact_kind_key(FactKind kind);
std::optional<FactKind> parse_fact_kind(std::string_view key);

// From `from` on, facts of one kind that hold for an earlier date are shown as "to be confirmed" (mayors after the
// municipal elections of March 2026). A fact confirmed later (as_of >= from) is fresh again.
struct ReviewRule {
    FactKind kind = FactKind::Mayor;
    PartialDate from;      // the review is due from the first day of this date
    LocalizedText reason;  // "élections municipales de mars 2026", for the staff status; may be empty
};

struct PromotionStatus {
    enum class State { Running, Ended };
    State state = State::Running;
    std::optional<PartialDate> date;  // Ended: when it ended (13 February 2025); Running: since when, if known
    Provenance provenance;
};

// One promotion (cohort) of the programme.
struct Promotion {
    int number = 0;                          // 1, 2
    LocalizedText name;                      // "1re promotion" / "First promotion"
    std::optional<int> launched_year;        // 2022
    std::optional<PartialDate> selected_on;  // 6 February 2024, when the sources give it (day precision)
    Provenance provenance;                   // of number, launch year and selection date
    std::vector<SourcedText> summary;        // paragraphs, each with its own sources; may be empty
    std::optional<PromotionStatus> status;   // absent when the sources do not say
};

// A Quartier Métropolitain d'Innovation: one commune's innovation district.
// Optional fields are absent when the sources do not give them; the screen then says so, it never guesses.
struct District {
    std::string insee;             // commune INSEE code, must be a member of the Métropole (maps/membership.json)
    std::string commune;           // commune name as the membership data spells it
    int promotion = 0;             // Promotion::number
    Provenance provenance;         // of its place in the programme (which promotion)
    struct Mayor {
        std::string name;
        Provenance provenance;
    };
    std::optional<Mayor> mayor;
    std::string department;        // department code, "91"; its name comes from the membership data
    std::string territory;         // territory code: an EPT SIREN ("200058014") or "75056" for Paris
    std::optional<SourcedText> challenge;
    // The innovation district itself ("site" in content.json): name and description share one provenance.
    std::optional<SourcedText> site_name;         // e.g. "Issy Val de Seine"
    std::optional<SourcedText> site_description;
    std::vector<SourcedText> experiments;         // what is known of the experiments run there, each sourced
};

// A call for projects, in Europe/Paris local time.
// Day precision: opens at 00:00 on the first day, closes at 23:59:59 on the last day (inclusive dates in config).
// Month precision: opens at 00:00 on the 1st of the month, closes at the end of the last day of the month.
struct CallWindow {
    std::string id;                      // "2024-phase-1"
    LocalizedText name;                  // "Appel à projets — phase 1"
    date::local_seconds opens;           // Paris local time
    date::local_seconds closes;          // Paris local time, > opens
    DatePrecision precision = DatePrecision::Day;  // Day or Month
    std::vector<std::string> districts;  // INSEE codes of the districts it recruits for
    std::optional<std::string> apply_page;  // id of the source that is the application page ...
    std::optional<std::string> url;         // ... and its URL: the only URL an "apply" QR code may open
    Provenance provenance;

    // The dates as written in content.json: day or month precision.
    PartialDate opens_date() const;
    PartialDate closes_date() const;
};

// A dated event of the programme's history, for the timeline. A call window is referenced, never duplicated: its
// dates, name and sources are the window's.
struct TimelineEvent {
    std::string id;                        // "renewal"
    LocalizedText title;                   // "Renouvellement du programme par le Conseil métropolitain"
    PartialDate start;                     // the date, or the first day of a period
    std::optional<PartialDate> end;        // the last day of a period ("23 Oct 2023 - 12 Jan 2024")
    std::optional<std::string> call_window;  // CallWindow::id when the event is a call
    Provenance provenance;
};

// One step of the presenter's tour, in the order staff chose.
struct TourStep {
    enum class Kind { Programme, Promotion, District, Calls, Timeline };
    Kind kind = Kind::Programme;
    int promotion = 0;   // Kind::Promotion: an existing Promotion::number
    std::string insee;   // Kind::District: an existing District::insee
};

struct Programme {
    LocalizedText name;         // "Quartiers Métropolitains d'Innovation"
    SourcedText operators;      // "Métropole du Grand Paris, avec l'agence d'innovation Paris&Co"
    SourcedText description;    // two or three sentences
    std::optional<std::string> page;      // id of the source that is the programme's public page ...
    std::optional<std::string> page_url;  // ... and its URL, for a "learn more" QR code when no call is announced
    std::vector<Promotion> promotions;
};

struct Content {
    std::string version;        // free text set by staff, e.g. "2024-02-06.1"; shown in the staff status
    std::string published;      // ISO 8601 date-time with offset, "2024-02-06T12:00:00+01:00": when this content
                                // was published. The kiosk shows the newest valid of bundled, cached and feed content.
    std::vector<Source> sources;          // sorted by id
    std::vector<ReviewRule> review_after; // at most one per kind
    Programme programme;
    std::vector<District> districts;      // order of config
    std::vector<CallWindow> call_windows; // sorted by opens
    std::vector<TimelineEvent> timeline;  // sorted by start date
    std::vector<TourStep> tour;           // order of config; empty when content.json has none

    const District* find_district(std::string_view insee) const {
        for (const auto& d : districts)
            if (d.insee == insee) return &d;
        return nullptr;
    }
    const Promotion* find_promotion(int number) const {
        for (const auto& p : programme.promotions)
            if (p.number == number) return &p;
        return nullptr;
    }
    const Source* find_source(std::string_view id) const {
        for (const auto& s : sources)
            if (s.id == id) return &s;
        return nullptr;
    }
    const CallWindow* find_window(std::string_view id) const {
        for (const auto& w : call_windows)
            if (w.id == id) return &w;
        return nullptr;
    }
    const ReviewRule* review_rule(FactKind kind) const {
        for (const auto& r : review_after)
            if (r.kind == kind) return &r;
        return nullptr;
    }
};

}  // namespace qmi
