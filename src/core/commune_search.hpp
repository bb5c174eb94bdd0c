// Finding a commune by name, as a visitor types it on the on-screen keyboard: without accents, without capitals,
// with or without hyphens and apostrophes, "st" or "saint". "epinay" finds Épinay-sur-Seine, "st denis" and
// "saint-denis" find Saint-Denis, "lhay" and "l hay" find L'Haÿ-les-Roses.
//
// The index is built once per membership / content load (130 names); a search is a linear scan of short ASCII
// strings, well under a millisecond, so it runs on every key press.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "core/membership.hpp"

namespace qmi {

// The form names are compared in: lower-case ASCII letters and digits, accents removed (é -> e, œ -> oe, ß -> ss),
// every run of separators (space, no-break space, - ‐ ‑ – —, ' ’ ‘ `, . ,) one space, "saint"/"sainte" as the words
// "st"/"ste". Characters with no ASCII form are dropped. "Épinay-sur-Seine" -> "epinay sur seine",
// "L'Haÿ-les-Roses" -> "l hay les roses", "Saint-Maur-des-Fossés" -> "st maur des fosses". Invalid UTF-8 bytes are
// dropped.
std::string fold_for_search(std::string_view utf8);

struct CommuneMatch {
    enum class Kind {
        Prefix,      // the name starts with what was typed ("epinay" -> Épinay-sur-Seine)
        WordPrefix,  // a later word of the name does ("denis" -> Saint-Denis)
        Substring,   // somewhere inside a word ("ermain" -> Saint-Germain-en-Laye)
    };
    std::string insee;
    std::string name;   // as written: "Épinay-sur-Seine"
    bool district = false;  // a QMI district
    int promotion = 0;      // its promotion (districts only)
    Kind kind = Kind::Prefix;
};

class CommuneSearch {
public:
    CommuneSearch() = default;
    // Every member of the Métropole; those with a district in `content` are marked (and rank first on ties).
    CommuneSearch(const Membership& membership, const Content& content);

    // At most `max_results` matches, best first: prefixes before word prefixes before substrings; within a kind,
    // QMI districts first, then the shorter name (what was typed is more of it), then alphabetical. A query that
    // folds to nothing (empty, only spaces or punctuation) matches nothing: the keyboard then shows no list.
    std::vector<CommuneMatch> search(std::string_view query, size_t max_results = 5) const;

    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string insee, name;
        std::string folded;   // "st denis"
        std::string compact;  // "stdenis": separators removed, so "lhay" finds "l hay"
        bool district = false;
        int promotion = 0;
    };
    std::vector<Entry> entries_;
};

}  // namespace qmi
