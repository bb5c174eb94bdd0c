// Crash consistency of the content cache: a writer process running the REAL feed code (ContentFeed::check_now on a
// file:// feed that publishes a newer signed version before every check) is killed with SIGKILL at random instants,
// many times. After each kill, a start-up (remove_stale_temporaries + choose_startup_content, exactly what
// load_kiosk_data does) must show the last version the writer finished (old-valid) or the one it was writing
// (new-valid), never an older one, never the bundled fallback; the high-water mark is never older than the cache,
// and a replay of an older version is refused. The kill count is QMI_CRASH_KILLS (default 200; scripts/crash-test
// runs thousands and prints the figures).
// Also here: SIGTERM / SIGINT ask the kiosk to stop (app/stop_signals), a second one ends it at once.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "../support/repo_data.hpp"
#include "../support/scratch_dir.hpp"
#include "app/stop_signals.hpp"
#include "core/atomic_file.hpp"
#include "core/content_store.hpp"
#include "core/signature.hpp"
#include "net/content_feed.hpp"

using namespace qmi;
namespace fs = std::filesystem;
using namespace qmi::test;

namespace {

// Version i: "crash-<i>", published i minutes after 2090-01-01T00:00Z (newer than the bundled content).
std::string published_of(long i) {
    const auto t = date::sys_seconds{date::sys_days{date::year{2090} / 1 / 1}} + std::chrono::minutes{i};
    return date::format("%FT%TZ", t);
}
long index_of(const std::string& version) {
    return version.rfind("crash-", 0) == 0 ? std::stol(version.substr(6)) : -1;
}

size_t temporaries_in(const fs::path& dir) {
    size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().find(".tmp-") != std::string::npos) ++n;
    return n;
}

// The writer: publishes version `next`, `next + 1`, ... to the feed directory and runs one real feed check after
// each, reporting every finished check ("<index>\n") on `report`. Never returns.
[[noreturn]] void run_writer(const fs::path& www, const ContentPaths& paths, const std::string& public_key,
                             const std::string& secret_key, const Content& shown, ContentSource source, long next,
                             int report) {
    Settings::Feed settings;
    settings.url = "file://" + (www / "content.json").string();
    settings.public_key = public_key;
    net::FeedTuning tuning;
    tuning.logger = std::make_shared<spdlog::logger>("writer", std::make_shared<spdlog::sinks::null_sink_mt>());
    net::ContentFeed feed(settings, paths, content_parser(membership()), shown, source, tuning);
    for (long i = next;; ++i) {
        const std::string bytes = content_bytes(published_of(i), "crash-" + std::to_string(i));
        // The "server" side: renamed into place, never served half-written; no fsync, it is not under test.
        for (const auto& [name, data] : {std::pair<std::string, std::string>{"content.json.sig",
                                                                             sign_detached(bytes, secret_key).signature_b64},
                                         std::pair<std::string, std::string>{"content.json", bytes}}) {
            const fs::path tmp = www / (name + ".part");
            std::ofstream(tmp, std::ios::binary | std::ios::trunc) << data;
            std::error_code ec;
            fs::rename(tmp, www / name, ec);
            if (ec) ::_exit(3);
        }
        if (feed.check_now() != net::FeedOutcome::Updated) ::_exit(4);
        const std::string line = std::to_string(i) + "\n";
        if (::write(report, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(5);
    }
}

}  // namespace

TEST_CASE("crash consistency: a feed writer killed at random instants never leaves a torn cache or a rollback",
          "[crash]") {
    const char* env = std::getenv("QMI_CRASH_KILLS");
    const long kills = env && std::atol(env) > 0 ? std::atol(env) : 200;
    qmi::test::ScratchDir dir("crash");
    const fs::path www = dir / "www";
    fs::create_directories(www);
    ContentPaths paths = content_paths(dir / "kiosk");
    paths.bundled = QMI_SOURCE_ROOT "/config/content.json";
    const SigningKeys keys = generate_signing_keys();
    const ContentParser parse = content_parser(membership());
    std::mt19937 rng(20240206);
    // Kill delays spread uniformly over the first three versions of each writer (start-up included): measured on
    // the first writer, which runs one second.
    long cycle_us = 10000;

    long committed = -1;  // the newest version a writer reported finished
    long started = -1;    // the newest version a writer may have begun (the one it was writing when killed)
    std::map<std::string, long> outcomes;
    size_t temporaries_removed = 0;
    for (long k = 0; k <= kills; ++k) {
        // A start, like load_kiosk_data's.
        temporaries_removed += remove_stale_temporaries(dir / "kiosk" / "var");
        CHECK(temporaries_in(dir / "kiosk" / "var") == 0);
        const ContentStart start = choose_startup_content(paths, keys.public_b64, parse);
        REQUIRE(start.active);
        const long shown = index_of(start.active->content.version);
        const long mark = start.high_water ? index_of(start.high_water->version) : -1;
        if (committed >= 0) {
            INFO("kill " << k << ": committed " << committed << ", start shows " << start.active->content.version
                         << ", errors: " << (start.errors.empty() ? "" : start.errors.front()));
            CHECK(start.errors.empty());                                   // nothing torn, nothing ignored
            CHECK(start.active->source == ContentSource::Cache);           // never the bundled fallback
            CHECK(shown >= committed);                                     // never older than finished
            CHECK(shown <= started);                                       // nothing invented either
            CHECK(mark >= shown);                                          // the mark is never behind the cache
            CHECK(mark <= started);
            outcomes[shown == committed ? "old" : "new"]++;
            if (mark > shown) outcomes["mark ahead of the cache"]++;
            // A replay of the version before is refused from this state: no rollback.
            const ContentStamp replay{"crash-" + std::to_string(committed - 1), published_of(committed - 1),
                                      *parse_publication_time(published_of(committed - 1))};
            if (committed >= 1)
                CHECK(judge_candidate(replay, stamp_of(start.active->content), start.high_water).verdict ==
                      Verdict::Older);
            committed = std::max(committed, shown);
        }
        if (k == kills) break;

        int report[2];
        REQUIRE(::pipe(report) == 0);
        const long next = std::max(shown, mark) + 1;
        const pid_t writer = ::fork();
        REQUIRE(writer >= 0);
        if (writer == 0) {
            ::close(report[0]);
            run_writer(www, paths, keys.public_b64, keys.secret_b64, start.active->content, start.active->source,
                       std::max(next, 0L), report[1]);
        }
        ::close(report[1]);
        // The first writer runs a second (it calibrates the kill delays); then kills land anywhere.
        std::this_thread::sleep_for(std::chrono::microseconds(
            k == 0 ? 1000000 : std::uniform_int_distribution<long>(0, 3 * cycle_us)(rng)));
        ::kill(writer, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(writer, &status, 0) == writer);
        INFO("writer status " << status);
        REQUIRE(WIFSIGNALED(status));  // killed, not failed on its own
        std::string reported;
        char buf[4096];
        for (ssize_t n; (n = ::read(report[0], buf, sizeof buf)) > 0;) reported.append(buf, static_cast<size_t>(n));
        ::close(report[0]);
        long last_reported = -1;
        for (size_t at = 0, end; (end = reported.find('\n', at)) != std::string::npos; at = end + 1)
            last_reported = std::max(last_reported, std::stol(reported.substr(at, end - at)));
        if (last_reported >= 0) committed = std::max(committed, last_reported);
        // Killed while writing the version after its last finished one (or its first one).
        started = (last_reported >= 0 ? last_reported : std::max(next, 0L) - 1) + 1;
        if (k == 0) {
            REQUIRE(committed >= 0);
            cycle_us = 1000000 / (committed + 1);
        }
    }
    WARN("crash consistency: " << kills << " kills; start showed the last finished version " << outcomes["old"]
                               << " times, the one being written " << outcomes["new"] << " times (mark ahead of the "
                               << "cache " << outcomes["mark ahead of the cache"] << " times), never an older one; "
                               << temporaries_removed << " temporary files of killed writers removed; " << committed + 1
                               << " versions written (one every " << cycle_us / 1000.0 << " ms)");
}

TEST_CASE("stop signals: SIGTERM and SIGINT ask to stop, a second one of the same kind ends the process",
          "[crash][signals]") {
    for (const int sig : {SIGTERM, SIGINT}) {
        INFO("signal " << sig);
        int report[2];
        REQUIRE(::pipe(report) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(report[0]);
            if (app::stop_requested() || !app::install_stop_signals()) ::_exit(10);
            ::raise(sig);  // handled: the process goes on
            const char answer = app::stop_requested() && app::stop_signal() == sig ? 'y' : 'n';
            if (::write(report[1], &answer, 1) != 1) ::_exit(11);
            ::raise(sig);  // the second one: default action
            ::_exit(12);
        }
        ::close(report[1]);
        char answer = 0;
        CHECK(::read(report[0], &answer, 1) == 1);
        ::close(report[0]);
        CHECK(answer == 'y');
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
    }
}
