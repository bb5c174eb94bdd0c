#include "core/content.hpp"

namespace qmi {

const char* fact_kind_key(FactKind kind) {
    switch (kind) {
        case FactKind::Programme: return "programme";
        case FactKind::Promotion: return "promotion";
        case FactKind::District: return "district";
        case FactKind::Mayor: return "mayor";
        case FactKind::Challenge: return "challenge";
        case FactKind::Site: return "site";
        case FactKind::Experiment: return "experiment";
        case FactKind::CallWindow: return "call_window";
        case FactKind::Timeline: return "timeline";
    }
    return "?";
}

std::optional<FactKind> parse_fact_kind(std::string_view key) {
    for (FactKind k : kAllFactKinds)
        if (key == fact_kind_key(k)) return k;
    return std::nullopt;
}

namespace {

PartialDate partial(date::local_seconds t, DatePrecision precision) {
    const date::year_month_day ymd{date::floor<date::days>(t)};
    PartialDate d;
    d.year = static_cast<int>(ymd.year());
    d.month = static_cast<unsigned>(ymd.month());
    if (precision == DatePrecision::Day) d.day = static_cast<unsigned>(ymd.day());
    return d;
}

}  // namespace

PartialDate CallWindow::opens_date() const { return partial(opens, precision); }
PartialDate CallWindow::closes_date() const { return partial(closes, precision); }

}  // namespace qmi
