#include "core/banner_instants.hpp"

#include <algorithm>
#include <chrono>

#include "core/call_state.hpp"

namespace qmi {

std::vector<BannerInstant> banner_instants(const std::vector<CallWindow>& windows, date::sys_seconds fallback) {
    using std::chrono::hours;
    // Every boundary (a window opens, enters its last day, closes) lies at midnight in Paris; noon after it is
    // inside the phase it starts, unless the next boundary comes first.
    std::vector<date::sys_seconds> boundaries;
    for (auto b = next_window_boundary(windows, date::sys_seconds{date::sys_days{date::year{1900} / 1 / 1}}); b;
         b = next_window_boundary(windows, *b))
        boundaries.push_back(*b);
    if (boundaries.empty()) return {{BannerState::None, fallback}};

    std::vector<date::sys_seconds> probes{boundaries.front() - date::days{10} + hours{12}};
    for (size_t i = 0; i < boundaries.size(); ++i) {
        const date::sys_seconds b = boundaries[i];
        const date::sys_seconds noon = b + hours{12};
        probes.push_back(i + 1 < boundaries.size() ? std::min(noon, b + (boundaries[i + 1] - b) / 2) : noon);
    }
    std::vector<BannerInstant> out;
    for (const date::sys_seconds t : probes) {
        const BannerState::Phase phase = banner_state(windows, t).phase;
        const bool seen =
            std::any_of(out.begin(), out.end(), [phase](const BannerInstant& i) { return i.phase == phase; });
        if (!seen) out.push_back({phase, t});
    }
    // The order a visitor would meet them in: before, open, last day, between, after.
    std::stable_sort(out.begin(), out.end(), [](const BannerInstant& a, const BannerInstant& b) {
        auto rank = [](BannerState::Phase p) {
            switch (p) {
                case BannerState::Before: return 0;
                case BannerState::Open: return 1;
                case BannerState::LastDay: return 2;
                case BannerState::Between: return 3;
                case BannerState::After: return 4;
                case BannerState::None: return 5;
            }
            return 6;
        };
        return rank(a.phase) < rank(b.phase);
    });
    return out;
}

}  // namespace qmi
