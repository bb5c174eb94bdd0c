#include "core/staleness.hpp"

#include <algorithm>

#include "core/paris_time.hpp"

namespace qmi {

namespace {

date::sys_seconds review_starts(const ReviewRule& r) {
    return from_paris_local(date::local_seconds(r.from.first_day()));
}

}  // namespace

bool is_stale(const Content& content, FactKind kind, const Provenance& provenance, date::sys_seconds now) {
    const ReviewRule* rule = content.review_rule(kind);
    if (!rule || now < review_starts(*rule)) return false;
    return provenance.as_of.first_day() < rule->from.first_day();
}

std::vector<FactRef> stale_facts(const Content& content, date::sys_seconds now) {
    std::vector<FactRef> out;
    for (FactRef& f : all_facts(content))
        if (is_stale(content, f.kind, *f.provenance, now)) out.push_back(std::move(f));
    return out;
}

std::string review_warning(const Content& content, const std::vector<FactRef>& stale, const UiText& text, Lang lang) {
    if (stale.empty()) return "";
    std::string kinds;
    for (FactKind k : kAllFactKinds) {
        const auto n = std::count_if(stale.begin(), stale.end(), [&](const FactRef& f) { return f.kind == k; });
        if (n == 0) continue;
        if (!kinds.empty()) kinds += ", ";
        kinds += text.get(std::string("fact.") + fact_kind_key(k), lang);
        if (const ReviewRule* r = content.review_rule(k); r && !r->reason.empty()) kinds += " (" + r->reason.in(lang) + ")";
        if (n > 1) kinds += " \u00d7" + std::to_string(n);
    }
    return text.format("staff.to_review", lang, {{"n", std::to_string(stale.size())}, {"kinds", kinds}});
}

std::optional<date::sys_seconds> next_review_start(const Content& content, date::sys_seconds now) {
    std::optional<date::sys_seconds> next;
    for (const ReviewRule& r : content.review_after) {
        const date::sys_seconds t = review_starts(r);
        if (t > now && (!next || t < *next)) next = t;
    }
    return next;
}

}  // namespace qmi
