#include "app/modes.hpp"

#include <cstdio>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "app/staff_tools.hpp"
#include "app/stats_report.hpp"
#include "app/startup.hpp"
#include "core/call_state.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"
#include "core/settings.hpp"
#include "net/map_fetch.hpp"

namespace qmi::app {

int run(const Options& o, Stopwatch process) {
    if (o.subcommand == "keygen") return run_keygen(o.keygen_dir);
    if (o.subcommand == "sign-content") return run_sign_content(o.sign_key, o.sign_file, o.root);
    if (o.subcommand == "hash-pin") return run_hash_pin();
    if (o.subcommand == "stats") return run_stats(o);  // no window, no content needed
    if (o.subcommand == "proof") return run_proof(o, render_setup(o));
    if (o.subcommand == "publish") return run_publish(o, render_setup(o));
    if (o.check_config) return run_check_config(o);
    if (o.fetch_maps) return run_fetch_maps(o);
    if (o.countdown) return run_countdown(o);
    if (o.bench_floor) return run_bench_floor(o, process);
    const RenderSetup setup = render_setup(o);
    if (!o.screenshot.empty()) return run_capture(o, setup);
    if (o.bench) return run_bench(o, setup);
    return run_on_screen(o, setup, process);
}

int run_check_config(const Options& o) {
    const ConfigErrors errors = check_config(o.root);
    for (const auto& e : errors) std::printf("%s\n", e.message().c_str());
    if (errors.empty()) std::printf("configuration OK (%s)\n", o.root.string().c_str());
    return errors.empty() ? 0 : 1;
}

int run_fetch_maps(const Options& o) {
    MembershipLoad m = load_membership(o.root / "maps" / "membership.json");
    if (!m.membership) {
        spdlog::error("--fetch-maps: {}", m.errors.empty() ? "maps/membership.json unusable"
                                                           : m.errors.front().message());
        return 1;
    }
    const SettingsLoad s = load_settings((o.root / "config" / "kiosk.json").string());
    return net::fetch_maps(o.root, net::map_sources(o.root, net::effective_map_source(s.settings.value_or(Settings{}))),
                           to_map_membership(*m.membership));
}

int run_countdown(const Options& o) {
    std::optional<KioskData> data = load_or_explain(o, false);
    if (!data) return 1;
    std::optional<KioskClock> clock = make_clock(o);
    if (!clock) return 2;
    std::printf("%s", call_summary(data->content, data->text, start_language(o, data->settings), clock->now()).c_str());
    return 0;
}

}  // namespace qmi::app
