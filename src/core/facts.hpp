// Every fact of the content with its place in content.json and its provenance: what the Sources view lists, what
// staleness is computed over. Pure views into a Content; they stay valid as long as the Content does.
#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"

namespace qmi {

struct FactRef {
    FactKind kind = FactKind::Programme;
    const Provenance* provenance = nullptr;  // never null
    std::string pointer;                     // JSON pointer in content.json: "/districts/4/mayor"
    std::string subject;                     // what it is about: "Athis-Mons", "1re promotion", "2025-phase-2"
};

// Every fact in document order: programme, promotions (their facts, summary paragraphs, status), districts
// (participation, mayor, challenge, site, experiments), call windows, timeline events (not those that reference a
// call window: the window is the fact).
std::vector<FactRef> all_facts(const Content& content);

// The facts a district card shows: its participation, its promotion's facts and status, mayor, challenge, site,
// experiments, and the call windows that concern it.
std::vector<FactRef> facts_of_district(const Content& content, const District& district);

// The facts the introduction card shows: operators, description, every promotion's facts, summaries and status.
std::vector<FactRef> facts_of_programme(const Content& content);

// The facts of one call window (what the banner shows).
std::vector<FactRef> facts_of_window(const Content& content, const CallWindow& window);

// The facts a promotion's presentation shows: the promotion's own (launch, selection, summary, status) and the
// participation of each of its districts.
std::vector<FactRef> facts_of_promotion(const Content& content, int number);

// Every call window's facts, in the content's order (the presenter's list of the calls).
std::vector<FactRef> facts_of_calls(const Content& content);

// The timeline's facts: its own events, and the windows it references (each once).
std::vector<FactRef> facts_of_timeline(const Content& content);

// One source and what it is used for, in order of first use.
struct SourceUse {
    const Source* source = nullptr;   // never null
    std::vector<FactKind> kinds;      // distinct, in order of first use
    PartialDate newest_as_of;         // the latest date a fact from it holds for
};
std::vector<SourceUse> sources_used(const Content& content, const std::vector<FactRef>& facts);

}  // namespace qmi
