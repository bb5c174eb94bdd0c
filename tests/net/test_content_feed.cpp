#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "../support/captured_log.hpp"
#include "../support/local_server.hpp"
#include "../support/repo_data.hpp"
#include "../support/scratch_dir.hpp"
#include "app/staff_tools.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"
#include "net/background_jobs.hpp"
#include "net/content_feed.hpp"

using namespace qmi;
using namespace qmi::net;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using namespace qmi::test;

namespace {

const std::string kRoot = QMI_SOURCE_ROOT;

constexpr const char* kShownPublished = "2098-02-06T12:00:00+01:00";  // what the kiosk shows before each test
constexpr const char* kNewerPublished = "2099-03-01T09:00:00+01:00";  // newer than any bundled content

// A kiosk that shows content `shown-1` (also in its cache) and a feed server directory with one file per case.
struct FeedWorld {
    ScratchDir dir{"feed-test"};
    fs::path www = dir / "www";
    ContentPaths paths{kRoot + "/config/content.json", dir / "var" / "content-cache.signed",
                       dir / "var" / "content-high-water.json"};
    SigningKeys keys = generate_signing_keys();
    ContentParser parse = content_parser(membership());
    Content shown;
    std::string shown_bytes;
    CapturedLog log;

    FeedWorld() {
        fs::create_directories(www);
        shown_bytes = content_bytes(kShownPublished, "shown-1");
        const auto sig = sign_detached(shown_bytes, keys.secret_b64);
        auto load = parse(shown_bytes, "shown");
        REQUIRE(load.content);
        shown = *load.content;
        REQUIRE(save_accepted_content(paths, shown_bytes, sig.signature_b64, *stamp_of(shown)).empty());

        publish("good.json", content_bytes(kNewerPublished, "feed-2"));
        publish("older.json", content_bytes("2023-12-01T09:00:00+01:00", "feed-0"));
        publish("same.json", shown_bytes);
        publish("same-date.json", content_bytes(kShownPublished, "shown-2"));  // edited, not re-dated
        publish("not-json.json", "{\"version\": \"feed-3\", \"programme\": ");
        auto invalid = nlohmann::json::parse(content_bytes(kNewerPublished, "feed-4"));
        invalid["districts"][0]["insee"] = "99999";  // not a member of the Métropole
        publish("invalid.json", invalid.dump(2));
        publish("no-published.json", [] {
            auto doc = bundled_json();
            doc.erase("published");
            return doc.dump(2);
        }());
        // Signature of other bytes: a tampered body, or a stale .sig next to new content.
        write(www / "bad-sig.json", content_bytes(kNewerPublished, "feed-5"));
        write(www / "bad-sig.json.sig", sign_detached(content_bytes(kNewerPublished, "feed-6"), keys.secret_b64)
                                            .signature_b64);
        write(www / "no-sig.json", content_bytes(kNewerPublished, "feed-7"));
        const auto other = generate_signing_keys();
        write(www / "other-key.json", content_bytes(kNewerPublished, "feed-8"));
        write(www / "other-key.json.sig", sign_detached(content_bytes(kNewerPublished, "feed-8"), other.secret_b64)
                                              .signature_b64);
        write(www / "garbage-sig.json", content_bytes(kNewerPublished, "feed-9"));
        write(www / "garbage-sig.json.sig", "this is not a signature\n");
    }

    void publish(const std::string& name, const std::string& bytes) {
        write(www / name, bytes);
        write(www / (name + ".sig"), sign_detached(bytes, keys.secret_b64).signature_b64 + "\n");
    }

    Settings::Feed settings(const std::string& url, const std::string& ca_file = "") const {
        Settings::Feed f;
        f.url = url;
        f.public_key = keys.public_b64;
        f.ca_file = ca_file;
        return f;
    }

    FeedTuning tuning(CapturedLog& to) const {
        FeedTuning t;
        t.connect_timeout_s = 2;
        t.total_timeout_s = 2;  // the slow server waits 20 s: the test takes ~2 s, not 30
        t.logger = to.logger;
        t.now = [] { return std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 54}}; };
        return t;
    }

    std::unique_ptr<ContentFeed> feed(const std::string& url, CapturedLog* to = nullptr,
                                      const std::string& ca_file = "") {
        return std::make_unique<ContentFeed>(settings(url, ca_file), paths, parse, shown, ContentSource::Cache,
                                             tuning(to ? *to : log));
    }

    // The content bytes in the cache file (what the next start would verify).
    std::string cached_bytes() const {
        const std::string file = read(paths.cache);
        const auto signed_bytes = decode_signed_content(file, nullptr);
        return signed_bytes ? std::string(signed_bytes->bytes) : std::string("(not a signed content file)");
    }
};

}  // namespace

TEST_CASE("content feed: new signed content is verified, cached atomically and handed over once", "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    auto feed_ptr = w.feed(server.url("/files/good.json"));
    ContentFeed& feed = *feed_ptr;

    CHECK_FALSE(feed.take_update());  // nothing before the first check
    CHECK(feed.check_now() == FeedOutcome::Updated);

    auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "feed-2");
    CHECK(update->published == kNewerPublished);
    CHECK_FALSE(feed.take_update());  // handed over exactly once

    // The cache now holds exactly the served bytes and their signature: the next boot starts on them.
    CHECK(w.cached_bytes() == read(w.www / "good.json"));
    const auto start = choose_startup_content(w.paths, w.keys.public_b64, w.parse);
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Cache);
    CHECK(start.active->content.version == "feed-2");
    REQUIRE(start.high_water);
    CHECK(start.high_water->version == "feed-2");

    const auto status = feed.status();
    CHECK(status.source == ContentSource::Feed);
    REQUIRE(status.shown);
    CHECK(status.shown->version == "feed-2");
    CHECK(status.shown->published == kNewerPublished);
    CHECK(status.shown_from == server.url("/files/good.json"));
    CHECK(status.last_error.empty());
    REQUIRE(status.last_success);
    CHECK(*status.last_success == w.tuning(w.log).now());  // injected clock
    CHECK(status.updates == 1);

    const auto lines = w.log.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("info: content feed: new content feed-2") == 0);
    CHECK(lines[0].find("from " + server.url("/files/good.json")) != std::string::npos);
}

TEST_CASE("content feed: the next check is conditional and a 304 changes nothing", "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    auto feed_ptr = w.feed(server.url("/files/good.json"));
    ContentFeed& feed = *feed_ptr;
    REQUIRE(feed.check_now() == FeedOutcome::Updated);
    REQUIRE(feed.take_update());
    const auto cached = read(w.paths.cache);

    CHECK(feed.check_now() == FeedOutcome::Unchanged);
    CHECK_FALSE(feed.take_update());
    CHECK(read(w.paths.cache) == cached);
    CHECK(feed.status().checks == 2);
    CHECK(feed.status().updates == 1);
    CHECK(w.log.lines().size() == 1);  // only the first update was logged

    // What the server saw: the second content request carried the ETag, and no signature was fetched again.
    FetchRequest req;
    req.url = server.url("/requests");
    const auto seen = nlohmann::json::parse(http_fetch(req).body);
    REQUIRE(seen.size() == 4);  // content, sig, content (304), /requests
    CHECK(seen[0][0] == "/files/good.json");
    CHECK(seen[0][1] == "");
    CHECK(seen[1][0] == "/files/good.json.sig");
    CHECK(seen[2][0] == "/files/good.json");
    CHECK(seen[2][1] != "");  // If-None-Match
    CHECK(seen[2][2] != "");  // If-Modified-Since
}

TEST_CASE("content feed: the same content as shown is not an update, older content is refused", "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    {
        auto feed = w.feed(server.url("/files/same.json"));
        CHECK(feed->check_now() == FeedOutcome::Unchanged);
        CHECK_FALSE(feed->take_update());
        CHECK(w.log.lines().empty());
    }
    {
        auto feed = w.feed(server.url("/files/older.json"));
        CHECK(feed->check_now() == FeedOutcome::Failed);
        CHECK_FALSE(feed->take_update());
        CHECK(w.cached_bytes() == w.shown_bytes);
        const auto lines = w.log.lines();
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("older than the content on screen") != std::string::npos);
    }
    {
        CapturedLog log;
        auto feed = w.feed(server.url("/files/same-date.json"), &log);
        CHECK(feed->check_now() == FeedOutcome::Failed);
        CHECK_FALSE(feed->take_update());
        CHECK(w.cached_bytes() == w.shown_bytes);
        const auto lines = log.lines();
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("same published instant") != std::string::npos);
        CHECK(lines[0].find("shown-2") != std::string::npos);
    }
}

TEST_CASE("content feed: every failure keeps the last good content and logs exactly one clear line", "[feed]") {
    FeedWorld w;
    const auto pki = make_test_pki(w.dir.path());
    LocalServer http({w.www, "", "", 20.0});
    LocalServer https({w.www, pki.server_cert, pki.server_key});
    LocalServer other_https({w.www, pki.server_cert, pki.server_key});

    struct Case {
        std::string name, url, ca_file, expect;
    };
    const std::string refused = "http://127.0.0.1:" + std::to_string(closed_local_port()) + "/content.json";
    const std::vector<Case> cases = {
        {"404", http.url("/status/404/content.json"), "", "HTTP 404"},
        {"500", http.url("/status/500/content.json"), "", "HTTP 500"},
        {"file absent", http.url("/files/absent.json"), "", "HTTP 404"},
        {"slow server", http.url("/slow/good.json"), "", "timed out after 2 s"},
        {"connection refused", refused, "", "connection refused"},
        {"truncated body", http.url("/truncated/good.json"), "", "good.json: "},
        {"oversized body", http.url("/huge/x.json"), "", "response larger than 2097152 bytes"},
        {"redirect loop", http.url("/redirect-loop/x.json"), "", "too many redirects"},
        {"invalid JSON", http.url("/files/not-json.json"), "", "rejected invalid content"},
        {"fails validation", http.url("/files/invalid.json"), "", "/districts/0/insee"},
        {"no publication date", http.url("/files/no-published.json"), "", "published"},
        {"bad signature", http.url("/files/bad-sig.json"), "", "signature does not match the content"},
        {"signed by another key", http.url("/files/other-key.json"), "", "signature does not match the content"},
        {"garbage signature", http.url("/files/garbage-sig.json"), "", "signature is not base64"},
        {"missing signature", http.url("/files/no-sig.json"), "", "signature unavailable, content not trusted"},
        {"HTTPS, unknown CA (system store)", https.url("/files/good.json"), "", "https://127.0.0.1"},
        {"HTTPS, CA file of another CA", https.url("/files/good.json"), pki.other_ca_cert, "https://127.0.0.1"},
        // Redirects stay on the feed's origin: never to plain http (read in clear), another port or another host.
        {"redirect https -> http", https.url("/redirect?to=" + http.url("/files/good.json")), pki.ca_cert,
         "redirect to " + http.url("/files/good.json") + " refused"},
        {"redirect to another port", https.url("/redirect?to=" + other_https.url("/files/good.json")), pki.ca_cert,
         "redirect to " + other_https.url("/files/good.json") + " refused"},
        {"redirect to another host", https.url("/redirect?to=https://localhost:" + std::to_string(https.port()) +
                                               "/files/good.json"),
         pki.ca_cert, "leaves https://127.0.0.1:" + std::to_string(https.port())},
        {"10 MB response header", http.url("/header-bomb/10000000"), "", "response header line too long"},
        {"70 kB of response headers", http.url("/header-bomb/70000"), "", "response headers larger than 65536"},
    };
    // One loop rather than SECTIONs: the servers and the PKI are made once for all cases.
    for (const auto& c : cases) {
        INFO("case: " << c.name);
        CapturedLog log;
        auto feed_ptr = w.feed(c.url, &log, c.ca_file);
        ContentFeed& feed = *feed_ptr;
        CHECK(feed.check_now() == FeedOutcome::Failed);
        CHECK_FALSE(feed.take_update());             // nothing reaches the screen
        CHECK(w.cached_bytes() == w.shown_bytes);  // the last good cache is untouched
        const auto status = feed.status();
        REQUIRE(status.shown);
        CHECK(status.shown->version == "shown-1");
        CHECK(status.source == ContentSource::Cache);
        CHECK(status.failures == 1);
        CHECK_FALSE(status.last_success);
        INFO("last_error: " << status.last_error);
        CHECK(status.last_error.find(c.expect) != std::string::npos);
        const auto lines = log.lines();
        INFO("log: " << log.out.str());
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("warning: content feed: ") == 0);
        CHECK(lines[0].find(c.expect) != std::string::npos);
        CHECK(lines[0].find("keeping the current content") != std::string::npos);
        CHECK(lines[0].find("Out of memory") == std::string::npos);
    }
}

TEST_CASE("content feed: after the cache is lost, a replay of older signed content is refused (no rollback)",
          "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    // The kiosk showed shown-1, then accepted feed-2; then its cache was lost (deleted, or damaged by a disk) and it
    // restarted on the bundled content, older than both.
    {
        auto feed = w.feed(server.url("/files/good.json"));
        REQUIRE(feed->check_now() == FeedOutcome::Updated);
    }
    fs::remove(w.paths.cache);
    const auto start = choose_startup_content(w.paths, w.keys.public_b64, w.parse);
    REQUIRE(start.active);
    REQUIRE(start.active->source == ContentSource::Bundled);
    REQUIRE(start.active->published < *parse_publication_time(kShownPublished));

    // A hostile or stale server serves shown-1 again: correctly signed, newer than the bundled file on screen, but
    // older than feed-2, accepted before. Without the high-water mark it would be accepted: a rollback.
    CapturedLog log;
    ContentFeed after_restart(w.settings(server.url("/files/same.json")), w.paths, w.parse, start.active->content,
                              ContentSource::Bundled, w.tuning(log));
    CHECK(after_restart.check_now() == FeedOutcome::Failed);
    CHECK_FALSE(after_restart.take_update());
    REQUIRE(log.lines().size() == 1);
    CHECK(log.lines()[0].find("older than content accepted before (feed-2") != std::string::npos);
    CHECK_FALSE(fs::exists(w.paths.cache));

    // feed-2 itself comes back, and newer content after it.
    ContentFeed recovering(w.settings(server.url("/files/good.json")), w.paths, w.parse, start.active->content,
                           ContentSource::Bundled, w.tuning(log));
    CHECK(recovering.check_now() == FeedOutcome::Updated);
    CHECK(recovering.take_update()->version == "feed-2");
}

TEST_CASE("content feed: HTTPS with the test CA is accepted, and a redirect within the feed's origin is followed",
          "[feed]") {
    FeedWorld w;
    const auto pki = make_test_pki(w.dir.path());
    LocalServer https({w.www, pki.server_cert, pki.server_key});
    INFO(w.log.text());
    for (const std::string path : {"/files/good.json", "/redirect?to=/files/good.json"}) {
        INFO(path);
        fs::remove(w.paths.high_water);  // each feed below accepts feed-2 anew
        auto feed = w.feed(https.url(path), nullptr, pki.ca_cert);
        REQUIRE(feed->check_now() == FeedOutcome::Updated);
        CHECK(feed->take_update()->version == "feed-2");
        // The status and the log name the URL the bytes came from, after the redirect.
        CHECK(feed->status().shown_from == https.url("/files/good.json"));
        CHECK(w.log.lines().back().find("from " + https.url("/files/good.json")) != std::string::npos);
    }
}

TEST_CASE("content feed: a failed check does not spoil the next good one (304 validators not kept)", "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    // Staff publish content with a stale signature, then fix only the .sig: the content bytes (and ETag) are the
    // same, so the feed must not answer the fix with a 304 from the failed check.
    write(w.www / "fixed.json", content_bytes(kNewerPublished, "feed-10"));
    write(w.www / "fixed.json.sig", "AAAA\n");
    auto feed = w.feed(server.url("/files/fixed.json"));
    CHECK(feed->check_now() == FeedOutcome::Failed);
    write(w.www / "fixed.json.sig", sign_detached(read(w.www / "fixed.json"), w.keys.secret_b64).signature_b64);
    CHECK(feed->check_now() == FeedOutcome::Updated);
    const auto update = feed->take_update();
    REQUIRE(update);
    CHECK(update->version == "feed-10");
    CHECK(feed->status().last_error.empty());
}

TEST_CASE("content feed: with no public key nothing is downloaded or accepted", "[feed]") {
    FeedWorld w;
    LocalServer server({w.www});
    Settings::Feed settings = w.settings(server.url("/files/good.json"));
    settings.public_key.clear();
    ContentFeed feed(settings, w.paths, w.parse, w.shown, ContentSource::Cache, w.tuning(w.log));
    CHECK(feed.check_now() == FeedOutcome::NotConfigured);
    CHECK_FALSE(feed.take_update());
    REQUIRE(w.log.lines().size() == 1);
    CHECK(w.log.lines()[0].find("no public key configured") != std::string::npos);
}

TEST_CASE("content feed: retry delays double from the initial delay up to the cap, with jitter", "[feed]") {
    using ms = std::chrono::milliseconds;
    const ms initial = 30s, cap = 1h;
    CHECK(retry_delay(1, initial, cap, 0.999999) <= initial);
    CHECK(retry_delay(1, initial, cap, 0.0) == initial / 2);
    CHECK(retry_delay(2, initial, cap, 0.0) == initial);        // 60 s base
    CHECK(retry_delay(3, initial, cap, 0.0) == 2 * initial);    // 120 s base
    for (unsigned n : {8u, 9u, 20u, 1000u, 4000000000u}) {      // long outages: capped, no overflow
        CHECK(retry_delay(n, initial, cap, 0.0) == cap / 2);
        CHECK(retry_delay(n, initial, cap, 0.999999) <= cap);
        CHECK(retry_delay(n, initial, cap, 0.999999) > cap - 1s);
    }
    // Jitter spreads kiosks over [base/2, base].
    CHECK(retry_delay(4, initial, cap, 0.5) == ms{180'000});
}

TEST_CASE("content feed: on the background thread, updates arrive and stop() interrupts a slow download",
          "[feed]") {
    FeedWorld w;
    LocalServer server({w.www, "", "", 60.0});

    SECTION("periodic checks hand over the update to the polling (render) thread") {
        FeedTuning tuning = w.tuning(w.log);
        tuning.period = 50ms;
        ContentFeed feed(w.settings(server.url("/files/good.json")), w.paths, w.parse, w.shown, ContentSource::Cache,
                         tuning);
        BackgroundJobs jobs(42);
        jobs.add(feed.job());
        jobs.start();
        std::optional<Content> update;
        for (int frame = 0; frame < 1000 && !update; ++frame) {  // bounded: at most ~10 s of 10 ms "frames"
            update = feed.take_update();
            std::this_thread::sleep_for(10ms);
        }
        // Let a few more periods pass: they must be 304s that change nothing.
        for (int i = 0; i < 200 && feed.status().checks < 4; ++i) std::this_thread::sleep_for(10ms);
        jobs.stop();
        REQUIRE(update);
        CHECK(update->version == "feed-2");
        CHECK_FALSE(feed.take_update());
        CHECK(feed.status().checks >= 4);
        CHECK(feed.status().updates == 1);
        CHECK(feed.status().failures == 0);
    }
    SECTION("stop() during a transfer cancels it: no failure logged, nothing replaced") {
        FeedTuning tuning = w.tuning(w.log);
        tuning.total_timeout_s = 120;  // only the cancel flag can end this transfer early
        ContentFeed feed(w.settings(server.url("/slow/good.json")), w.paths, w.parse, w.shown, ContentSource::Cache,
                         tuning);
        BackgroundJobs jobs(42);
        jobs.add(feed.job());
        jobs.start();
        for (int i = 0; i < 500 && feed.status().checks == 0; ++i) std::this_thread::sleep_for(10ms);
        std::this_thread::sleep_for(200ms);  // the request is now waiting on the slow server
        const auto before = std::chrono::steady_clock::now();
        jobs.stop();
        const auto took = std::chrono::steady_clock::now() - before;
        // A figure, not an assertion (no timing asserts): the server would have answered after 60 s.
        WARN("stop() during a slow download took "
             << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
        CHECK_FALSE(jobs.running());
        CHECK(feed.status().checks == 1);
        CHECK(feed.status().failures == 0);  // cancelled is not a failure
        CHECK(w.log.lines().empty());
        CHECK_FALSE(feed.take_update());
        CHECK(w.cached_bytes() == w.shown_bytes);
    }
}

TEST_CASE("staff tools: keygen then sign-content produce what the feed accepts", "[feed][staff]") {
    FeedWorld w;
    const auto keydir = w.dir / "keys";
    REQUIRE(app::run_keygen(keydir) == 0);
    struct stat st {};
    REQUIRE(::stat((keydir / "content-feed.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(app::run_keygen(keydir) != 0);  // never overwrites a secret key in use
    std::string pub = read(keydir / "content-feed.pub");
    while (!pub.empty() && pub.back() == '\n') pub.pop_back();

    const auto programme = w.www / "programme.json";
    write(programme, content_bytes(kNewerPublished, "staff-1"));
    REQUIRE(app::run_sign_content(keydir / "content-feed.key", programme) == 0);
    REQUIRE(fs::exists(w.www / "programme.json.sig"));

    LocalServer server({w.www});
    Settings::Feed settings = w.settings(server.url("/files/programme.json"));
    settings.public_key = pub;
    ContentFeed feed(settings, w.paths, w.parse, w.shown, ContentSource::Cache, w.tuning(w.log));
    INFO(w.log.text());
    CHECK(feed.check_now() == FeedOutcome::Updated);
    const auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "staff-1");

    // Refused before signing: content every kiosk would reject, whatever the reason.
    write(w.www / "broken.json", "{\"version\": ");
    CHECK(app::run_sign_content(keydir / "content-feed.key", w.www / "broken.json", kRoot) != 0);
    CHECK_FALSE(fs::exists(w.www / "broken.json.sig"));
    CHECK(app::run_sign_content(keydir / "missing.key", programme, kRoot) != 0);
    // Valid JSON with a valid date, but a district outside the Métropole: the full validation refuses it too.
    auto invalid = nlohmann::json::parse(content_bytes(kNewerPublished, "staff-2"));
    invalid["districts"][0]["insee"] = "99999";
    write(w.www / "unsigned-invalid.json", invalid.dump(2));
    CHECK(app::run_sign_content(keydir / "content-feed.key", w.www / "unsigned-invalid.json", kRoot) != 0);
    CHECK_FALSE(fs::exists(w.www / "unsigned-invalid.json.sig"));
}

TEST_CASE("staff tools: `qmi-kiosk keygen` and `qmi-kiosk sign-content` from the command line", "[feed][staff]") {
    FeedWorld w;
    const std::string exe = QMI_KIOSK_EXE;
    const auto keydir = w.dir / "cli-keys";
    const auto out = w.dir / "cli.out";
    const std::string to_out = " >" + out.string() + " 2>&1";
    REQUIRE(std::system((exe + " keygen " + keydir.string() + to_out).c_str()) == 0);
    std::string pub = read(keydir / "content-feed.pub");
    while (!pub.empty() && pub.back() == '\n') pub.pop_back();
    CHECK(read(out).find(pub) != std::string::npos);  // the public key is printed for the settings file

    const auto programme = w.dir / "programme.json";
    write(programme, content_bytes(kNewerPublished, "cli-1"));
    REQUIRE(std::system((exe + " sign-content --key " + (keydir / "content-feed.key").string() + " " +
                         programme.string() + to_out)
                            .c_str()) == 0);
    CHECK(verify_detached(read(programme), read(signature_file(programme)), pub).ok);
    // A wrong key file is an error exit, not a crash or an empty signature.
    CHECK(std::system((exe + " sign-content --key " + (keydir / "content-feed.pub").string() + " " +
                       programme.string() + to_out)
                          .c_str()) != 0);
    CHECK(read(out).find("secret key") != std::string::npos);
}
