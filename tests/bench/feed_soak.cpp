// Soak benchmark for the content feed: 10,000 update cycles against the local test server on 127.0.0.1, on the
// real background thread with a fast period, while this (main) thread polls take_update() like a frame loop.
// Each cycle the server has a newer signed content (every tenth one carries a wrong signature, so the failure
// path and its log line run too). Prints RSS at start / middle / end: memory must stay flat. Figures only, no
// assertions about time. Usage: qmi_feed_soak [cycles]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"
#include "net/background_jobs.hpp"
#include "net/content_feed.hpp"
#include "../support/local_server.hpp"
#include "../support/scratch_dir.hpp"

using namespace qmi;
using namespace qmi::net;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

long rss_kib() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

void write_atomically(const fs::path& p, const std::string& bytes) {
    const fs::path tmp = p.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    fs::rename(tmp, p);  // the server never serves half a file
}

}  // namespace

int main(int argc, char** argv) {
    const long cycles = argc > 1 ? std::stol(argv[1]) : 10000;
    const std::string root = QMI_SOURCE_ROOT;
    auto membership_load = load_membership(root + "/maps/membership.json");
    if (!membership_load.membership) {
        std::fprintf(stderr, "cannot load membership\n");
        return 1;
    }
    const Membership membership = *membership_load.membership;
    nlohmann::json base;
    {
        std::ifstream in(root + "/config/content.json");
        base = nlohmann::json::parse(in);
    }
    const auto keys = generate_signing_keys();
    qmi::test::ScratchDir dir("feed-soak");
    const fs::path www = dir / "www";
    fs::create_directories(www);

    // Version i: published i seconds after a fixed instant, so every good version is newer than the last.
    auto publish = [&](long i) {
        auto doc = base;
        const auto t = date::sys_seconds{date::sys_days{date::year{2025} / 1 / 1}} + std::chrono::seconds{i};
        doc["published"] = date::format("%FT%TZ", t);
        doc["version"] = "soak-" + std::to_string(i);
        const std::string bytes = doc.dump(2);
        std::string sig = sign_detached(bytes, keys.secret_b64).signature_b64;
        if (i % 10 == 9) sig = sign_detached(bytes + " ", keys.secret_b64).signature_b64;  // a bad one
        write_atomically(www / "content.json.sig", sig + "\n");
        write_atomically(www / "content.json", bytes);
    };
    publish(0);

    qmi::test::ServerOptions server_options;
    server_options.root = www;
    server_options.lifetime_s = 2400;  // the soak's own deadline is 30 minutes
    qmi::test::LocalServer server(server_options);
    Settings::Feed settings;
    settings.url = server.url("/files/content.json");
    settings.public_key = keys.public_b64;
    FeedTuning tuning;
    tuning.period = 0ms;
    tuning.retry_initial = 1ms;
    tuning.retry_max = 1ms;
    tuning.logger = std::make_shared<spdlog::logger>("soak", std::make_shared<spdlog::sinks::null_sink_mt>());
    // The kiosk shows the bundled content; every published version is newer.
    const ContentParser parse = content_parser(membership);
    auto bundled = parse(base.dump(2), "bundled");
    if (!bundled.content) {
        std::fprintf(stderr, "config/content.json is not valid\n");
        return 1;
    }
    bundled.content->published = "2024-01-01T00:00:00Z";
    ContentFeed feed(settings, content_paths(dir.path()), parse, *bundled.content, ContentSource::Bundled, tuning);

    // The feed's own job, wrapped so that after each cycle the server gets the next version.
    std::atomic<long> done{0};
    PeriodicJob job = feed.job();
    job.run = [&, inner = job.run](const std::atomic<bool>& cancel) {
        const JobResult outcome = inner(cancel);
        const long n = done.fetch_add(1) + 1;
        if (n < cycles) publish(n);
        return outcome;
    };
    BackgroundJobs jobs(1);
    jobs.add(job);

    std::printf("feed soak: %ld cycles against %s\n", cycles, settings.url.c_str());
    const long rss_start = rss_kib();
    std::printf("RSS start:  %6ld KiB\n", rss_start);
    const auto t0 = std::chrono::steady_clock::now();
    jobs.start();

    long taken = 0, frames = 0, rss_middle = -1;
    std::string last_version;
    // Bounded: the loop ends when the cycles are done, or after 30 minutes whatever happens.
    const auto deadline = t0 + 30min;
    while (done.load() < cycles && std::chrono::steady_clock::now() < deadline) {
        if (auto update = feed.take_update()) {
            ++taken;
            last_version = update->version;
        }
        ++frames;
        if (rss_middle < 0 && done.load() >= cycles / 2) {
            rss_middle = rss_kib();
            std::printf("RSS middle: %6ld KiB (after %ld cycles)\n", rss_middle, done.load());
        }
        std::this_thread::sleep_for(1ms);  // a "frame"
    }
    jobs.stop();
    if (auto update = feed.take_update()) {
        ++taken;
        last_version = update->version;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long rss_end = rss_kib();
    const auto status = feed.status();
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("RSS end:    %6ld KiB (after %ld cycles)\n", rss_end, done.load());
    std::printf("peak RSS:   %6ld KiB\n", usage.ru_maxrss);
    std::printf("checks %llu, updates %llu, failures %llu, taken by the frame loop %ld (last %s), frames %ld\n",
                static_cast<unsigned long long>(status.checks), static_cast<unsigned long long>(status.updates),
                static_cast<unsigned long long>(status.failures), taken, last_version.c_str(), frames);
    std::printf("%.1f s, %.2f ms per cycle\n", seconds, 1000.0 * seconds / static_cast<double>(done.load()));
    return 0;
}
