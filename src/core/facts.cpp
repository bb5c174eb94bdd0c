#include "core/facts.hpp"

#include <algorithm>

#include "core/json_fields.hpp"

namespace qmi {

namespace {

void add_promotion(const Promotion& p, size_t index, std::vector<FactRef>& out) {
    const std::string here = json_pointer("/programme/promotions", index);
    const std::string subject = p.name.fr;
    out.push_back({FactKind::Promotion, &p.provenance, here, subject});
    for (size_t i = 0; i < p.summary.size(); ++i)
        out.push_back({FactKind::Promotion, &p.summary[i].provenance,
                       json_pointer(json_pointer(here, "summary"), i), subject});
    if (p.status) out.push_back({FactKind::Promotion, &p.status->provenance, json_pointer(here, "status"), subject});
}

void add_district(const District& d, size_t index, std::vector<FactRef>& out) {
    const std::string here = json_pointer("/districts", index);
    out.push_back({FactKind::District, &d.provenance, here, d.commune});
    if (d.mayor) out.push_back({FactKind::Mayor, &d.mayor->provenance, json_pointer(here, "mayor"), d.commune});
    if (d.challenge)
        out.push_back({FactKind::Challenge, &d.challenge->provenance, json_pointer(here, "challenge"), d.commune});
    if (d.site_name || d.site_description) {
        const SourcedText& site = d.site_name ? *d.site_name : *d.site_description;
        out.push_back({FactKind::Site, &site.provenance, json_pointer(here, "site"), d.commune});
    }
    for (size_t i = 0; i < d.experiments.size(); ++i)
        out.push_back({FactKind::Experiment, &d.experiments[i].provenance,
                       json_pointer(json_pointer(here, "experiments"), i), d.commune});
}

size_t index_of(const std::vector<District>& v, const District& d) { return static_cast<size_t>(&d - v.data()); }

}  // namespace

std::vector<FactRef> all_facts(const Content& c) {
    std::vector<FactRef> out = facts_of_programme(c);
    for (size_t i = 0; i < c.districts.size(); ++i) add_district(c.districts[i], i, out);
    for (const CallWindow& w : c.call_windows) {
        const auto more = facts_of_window(c, w);
        out.insert(out.end(), more.begin(), more.end());
    }
    for (size_t i = 0; i < c.timeline.size(); ++i)
        if (!c.timeline[i].call_window)
            out.push_back({FactKind::Timeline, &c.timeline[i].provenance, json_pointer("/timeline", i),
                           c.timeline[i].id});
    return out;
}

std::vector<FactRef> facts_of_district(const Content& c, const District& d) {
    std::vector<FactRef> out;
    const bool ours = !c.districts.empty() && &d >= c.districts.data() && &d < c.districts.data() + c.districts.size();
    add_district(d, ours ? index_of(c.districts, d) : 0, out);
    for (size_t i = 0; i < c.programme.promotions.size(); ++i)
        if (c.programme.promotions[i].number == d.promotion) add_promotion(c.programme.promotions[i], i, out);
    for (const CallWindow& w : c.call_windows)
        if (std::find(w.districts.begin(), w.districts.end(), d.insee) != w.districts.end()) {
            const auto more = facts_of_window(c, w);
            out.insert(out.end(), more.begin(), more.end());
        }
    return out;
}

std::vector<FactRef> facts_of_programme(const Content& c) {
    std::vector<FactRef> out;
    out.push_back({FactKind::Programme, &c.programme.operators.provenance, "/programme/operators", "programme"});
    out.push_back({FactKind::Programme, &c.programme.description.provenance, "/programme/description", "programme"});
    for (size_t i = 0; i < c.programme.promotions.size(); ++i) add_promotion(c.programme.promotions[i], i, out);
    return out;
}

std::vector<FactRef> facts_of_window(const Content&, const CallWindow& w) {
    // The loader sorts windows by opening, so their index is not the file's: the window is named by its id.
    return {{FactKind::CallWindow, &w.provenance, "/call_windows (id \"" + w.id + "\")", w.id}};
}

std::vector<FactRef> facts_of_promotion(const Content& c, int number) {
    std::vector<FactRef> out;
    for (size_t i = 0; i < c.programme.promotions.size(); ++i)
        if (c.programme.promotions[i].number == number) add_promotion(c.programme.promotions[i], i, out);
    for (size_t i = 0; i < c.districts.size(); ++i)
        if (c.districts[i].promotion == number)
            out.push_back({FactKind::District, &c.districts[i].provenance, json_pointer("/districts", i),
                           c.districts[i].commune});
    return out;
}

std::vector<FactRef> facts_of_calls(const Content& c) {
    std::vector<FactRef> out;
    for (const CallWindow& w : c.call_windows) {
        const auto more = facts_of_window(c, w);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

std::vector<FactRef> facts_of_timeline(const Content& c) {
    std::vector<FactRef> out;
    std::vector<std::string> windows;
    for (size_t i = 0; i < c.timeline.size(); ++i) {
        const TimelineEvent& e = c.timeline[i];
        if (!e.call_window) {
            out.push_back({FactKind::Timeline, &e.provenance, json_pointer("/timeline", i), e.id});
            continue;
        }
        const CallWindow* w = c.find_window(*e.call_window);
        if (!w || std::find(windows.begin(), windows.end(), w->id) != windows.end()) continue;
        windows.push_back(w->id);
        const auto more = facts_of_window(c, *w);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

std::vector<SourceUse> sources_used(const Content& c, const std::vector<FactRef>& facts) {
    std::vector<SourceUse> out;
    for (const FactRef& f : facts) {
        for (const std::string& id : f.provenance->sources) {
            const Source* s = c.find_source(id);
            if (!s) continue;
            auto it = std::find_if(out.begin(), out.end(), [&](const SourceUse& u) { return u.source == s; });
            if (it == out.end()) {
                out.push_back({s, {}, f.provenance->as_of});
                it = out.end() - 1;
            }
            if (std::find(it->kinds.begin(), it->kinds.end(), f.kind) == it->kinds.end()) it->kinds.push_back(f.kind);
            if (earlier(it->newest_as_of, f.provenance->as_of)) it->newest_as_of = f.provenance->as_of;
        }
    }
    return out;
}

}  // namespace qmi
