#include "app/stats_report.hpp"

#include <cstdio>

#include "app/options.hpp"
#include "core/membership.hpp"
#include "core/usage.hpp"
#include "store/usage_db.hpp"

namespace qmi::app {

int run_stats(const Options& o) {
    date::sys_seconds since{};  // the epoch: everything the database holds
    if (!o.stats_since.empty()) {
        const auto day = parse_paris_day_start(o.stats_since);
        if (!day) {
            std::fprintf(stderr, "stats: --since: expected a date YYYY-MM-DD, got '%s'\n", o.stats_since.c_str());
            return 2;
        }
        since = *day;
    }
    const std::filesystem::path file = o.root / "var" / "usage.sqlite";
    const store::UsageRead read = store::read_usage(file, since);
    if (!read.error.empty()) {
        std::fprintf(stderr, "stats: %s\n", read.error.c_str());
        return 1;
    }
    if (read.missing) std::fprintf(stderr, "stats: %s does not exist: nothing recorded yet\n", file.c_str());
    if (read.ignored_rows > 0)
        std::fprintf(stderr, "stats: %zu rows of %s are not usage counts and were ignored\n", read.ignored_rows,
                     file.c_str());

    std::string out;
    if (o.stats_csv) {
        out = usage_csv(read.rows);
    } else {
        // Commune names from the membership; codes alone when it cannot be read.
        MembershipLoad m = load_membership(o.root / "maps" / "membership.json");
        UsageTableOptions table;
        table.title = "QMI kiosk usage, " +
                      (o.stats_since.empty() ? std::string("every hour recorded")
                                             : "since " + o.stats_since + " 00:00 Paris time") +
                      " (" + file.string() + ")";
        if (m.membership) {
            const Membership membership = std::move(*m.membership);
            table.commune_name = [membership](std::string_view code) -> std::string {
                const MemberCommune* c = membership.find_commune(code);
                return c ? c->name : std::string();
            };
        }
        out = usage_table(read.rows, table);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace qmi::app
