// The programme as data: what config/content.json says, after validation. Pure values, no I/O.
// Loading and validation live in content_loader.hpp; the countdown reads CallWindow; the panel reads District.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/text.hpp"

namespace qmi {

// One promotion (cohort) of the programme.
struct Promotion {
    int number = 0;                          // 1, 2
    LocalizedText name;                      // "1re promotion" / "First promotion"
    std::optional<int> launched_year;        // 2022
    std::optional<std::string> selected_on;  // ISO date "2024-02-06", when the sources give it
    std::optional<int> solutions_in_development;  // 28 for the first promotion; absent when unknown
    LocalizedText summary;                   // may be empty
};

// A Quartier Métropolitain d'Innovation: one commune's innovation district.
// Optional fields are absent when the sources do not give them; the screen then says so, it never guesses.
struct District {
    std::string insee;             // commune INSEE code, must be a member of the Métropole (maps/membership.json)
    std::string commune;           // commune name as the membership data spells it
    int promotion = 0;             // Promotion::number
    std::optional<std::string> mayor;
    std::string department;        // department code, "91"; its name comes from the membership data
    std::string territory;         // territory code: an EPT SIREN ("200058014") or "75056" for Paris
    std::optional<LocalizedText> challenge;
    std::optional<LocalizedText> site_name;         // the innovation district itself, e.g. "Issy Val de Seine"
    std::optional<LocalizedText> site_description;
};

// How precisely a call window's dates are known. "January 2025" is Month: never shown as a made-up day.
enum class DatePrecision { Day, Month };

// A call for projects, in Europe/Paris local time.
// Day precision: opens at 00:00 on the first day, closes at 23:59:59 on the last day (inclusive dates in config).
// Month precision: opens at 00:00 on the 1st of the month, closes at the end of the last day of the month.
struct CallWindow {
    std::string id;                      // "2024-phase-1"
    LocalizedText name;                  // "Appel à projets — phase 1"
    date::local_seconds opens;           // Paris local time
    date::local_seconds closes;          // Paris local time, > opens
    DatePrecision precision = DatePrecision::Day;
    std::vector<std::string> districts;  // INSEE codes of the districts it recruits for
    std::optional<std::string> url;      // application page, else Programme::call_url
};

struct Programme {
    LocalizedText name;         // "Quartiers Métropolitains d'Innovation"
    LocalizedText operators;    // "Métropole du Grand Paris, avec l'agence d'innovation Paris&Co"
    LocalizedText description;  // two or three sentences
    std::string call_url;       // pre-registration / call page, encoded in the QR code
    std::string as_of;          // ISO date or month the facts hold for: "2024-02"
    LocalizedText as_of_label;  // "février 2024" / "February 2024"
    std::vector<Promotion> promotions;
};

struct Content {
    std::string version;        // free text set by staff, e.g. "2024-02-06.1"; shown in the staff status
    std::string published;      // ISO 8601 date-time with offset, "2024-02-06T12:00:00+01:00": when this content
                                // was published. The kiosk shows the newest valid of bundled, cached and feed content.
    Programme programme;
    std::vector<District> districts;      // order of config
    std::vector<CallWindow> call_windows; // sorted by opens

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
};

}  // namespace qmi
