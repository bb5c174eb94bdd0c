// The live content feed against REAL local servers (tests/net/servers/feed_server.py on 127.0.0.1): every way a
// feed can fail leaves the kiosk on its last good content, with exactly one clear log line; good signed content
// is cached atomically and handed over once. HTTPS uses a CA made with the openssl CLI for the test.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "../support/repo_data.hpp"
#include "app/staff_tools.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"
#include "net/content_feed.hpp"
#include "servers/local_server.hpp"

using namespace qmi;
using namespace qmi::net;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using qmi::testdata::membership;
using qmi::testdata::content_bytes;
using qmi::testdata::read;
using qmi::testdata::write;
using qmi::testdata::bundled_json;

const std::string kRoot = QMI_SOURCE_ROOT;

// Captures what the feed logs, one line per message: "warning: <text>".
struct CapturedLog {
    std::ostringstream out;
    std::shared_ptr<spdlog::logger> logger;
    CapturedLog() {
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
        sink->set_pattern("%l: %v");
        logger = std::make_shared<spdlog::logger>("feed-test", sink);
        logger->set_level(spdlog::level::info);  // what a kiosk logs in production
    }
    std::vector<std::string> lines() const {
        std::vector<std::string> v;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);) v.push_back(line);
        return v;
    }
};

constexpr const char* kShownPublished = "2024-02-06T12:00:00+01:00";  // what the kiosk shows before each test
constexpr const char* kNewerPublished = "2099-03-01T09:00:00+01:00";  // newer than any bundled content

// A kiosk that shows content `shown-1` (also in its cache) and a feed server directory with one file per case.
struct FeedWorld {
    feedtest::TempDir dir{"qmi-feed-test"};
    fs::path www = dir / "www";
    fs::path cache = dir / "var" / "content-cache.json";
    SigningKeys keys = generate_signing_keys();
    ContentParser parse = content_parser(membership());
    std::optional<ActiveContent> shown;
    std::string shown_bytes;
    CapturedLog log;

    FeedWorld() {
        fs::create_directories(www);
        shown_bytes = content_bytes(kShownPublished, "shown-1");
        const auto sig = sign_detached(shown_bytes, keys.secret_b64);
        REQUIRE(save_content_cache(cache, shown_bytes, sig.signature_b64).empty());
        auto load = parse(shown_bytes, "shown");
        REQUIRE(load.content);
        shown = ActiveContent{*load.content, ContentSource::Cache, *parse_publication_time(kShownPublished)};

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

    ContentFeedOptions options(const std::string& url) {
        ContentFeedOptions o;
        o.url = url;
        o.public_key_b64 = keys.public_b64;
        o.cache = cache;
        o.connect_timeout_s = 2;
        o.total_timeout_s = 2;  // the slow server waits 20 s: the test takes ~2 s, not 30
        o.logger = log.logger;
        o.now = [] { return std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 54}}; };
        return o;
    }
};

}  // namespace

TEST_CASE("content feed: new signed content is verified, cached atomically and handed over once", "[feed]") {
    FeedWorld w;
    feedtest::LocalFeedServer server({w.www});
    ContentFeed feed(w.options(server.url("/files/good.json")), w.parse, &*w.shown);

    CHECK_FALSE(feed.take_update());  // nothing before the first check
    const auto outcome = feed.check_now();
    CHECK(outcome.ok);

    auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "feed-2");
    CHECK(update->published == kNewerPublished);
    CHECK_FALSE(feed.take_update());  // handed over exactly once

    // The cache now holds exactly the served bytes and their signature: the next boot starts on them.
    CHECK(read(w.cache) == read(w.www / "good.json"));
    const auto start = choose_startup_content({kRoot + "/config/content.json", w.cache}, w.keys.public_b64, w.parse);
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Cache);
    CHECK(start.active->content.version == "feed-2");

    const auto status = feed.status();
    CHECK(status.source == ContentSource::Feed);
    CHECK(status.version == "feed-2");
    CHECK(status.published == kNewerPublished);
    CHECK(status.last_error.empty());
    REQUIRE(status.last_success);
    CHECK(*status.last_success == w.options("").now());  // injected clock
    CHECK(status.updates == 1);

    const auto lines = w.log.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("info: content feed: new content feed-2") == 0);
}

TEST_CASE("content feed: the next check is conditional and a 304 changes nothing", "[feed]") {
    FeedWorld w;
    feedtest::LocalFeedServer server({w.www});
    ContentFeed feed(w.options(server.url("/files/good.json")), w.parse, &*w.shown);
    REQUIRE(feed.check_now().ok);
    REQUIRE(feed.take_update());
    const auto cached = read(w.cache);

    CHECK(feed.check_now().ok);
    CHECK_FALSE(feed.take_update());
    CHECK(read(w.cache) == cached);
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
    feedtest::LocalFeedServer server({w.www});
    {
        ContentFeed feed(w.options(server.url("/files/same.json")), w.parse, &*w.shown);
        CHECK(feed.check_now().ok);
        CHECK_FALSE(feed.take_update());
        CHECK(w.log.lines().empty());
    }
    {
        // Built from the Content on screen (the app's form): its "published" is what older content is held to.
        ContentFeed feed(w.options(server.url("/files/older.json")), w.parse, w.shown->content, ContentSource::Cache);
        CHECK_FALSE(feed.check_now().ok);
        CHECK_FALSE(feed.take_update());
        CHECK(read(w.cache) == w.shown_bytes);
        const auto lines = w.log.lines();
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("older than the content in use") != std::string::npos);
    }
    {
        CapturedLog log;
        auto options = w.options(server.url("/files/same-date.json"));
        options.logger = log.logger;
        ContentFeed feed(options, w.parse, &*w.shown);
        CHECK_FALSE(feed.check_now().ok);
        CHECK_FALSE(feed.take_update());
        CHECK(read(w.cache) == w.shown_bytes);
        const auto lines = log.lines();
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find("same published date") != std::string::npos);
        CHECK(lines[0].find("shown-2") != std::string::npos);
    }
}

TEST_CASE("content feed: every failure keeps the last good content and logs exactly one clear line", "[feed]") {
    FeedWorld w;
    const auto pki = feedtest::make_test_pki(w.dir.path());
    feedtest::LocalFeedServer http({w.www, "", "", 20.0});
    feedtest::LocalFeedServer https({w.www, pki.server_cert, pki.server_key});

    struct Case {
        std::string name, url, ca_file, expect;
    };
    const std::string refused = "http://127.0.0.1:" + std::to_string(feedtest::closed_local_port()) + "/content.json";
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
    };
    // One loop rather than SECTIONs: the servers and the PKI are made once for all cases.
    for (const auto& c : cases) {
        INFO("case: " << c.name);
        CapturedLog log;
        auto options = w.options(c.url);
        options.ca_file = c.ca_file;
        options.logger = log.logger;
        ContentFeed feed(options, w.parse, &*w.shown);
        const auto outcome = feed.check_now();
        CHECK_FALSE(outcome.ok);
        CHECK_FALSE(outcome.cancelled);
        CHECK_FALSE(feed.take_update());        // nothing reaches the screen
        CHECK(read(w.cache) == w.shown_bytes);  // the last good cache is untouched
        const auto status = feed.status();
        CHECK(status.version == "shown-1");
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
    }
}

TEST_CASE("content feed: HTTPS with the test CA given as ca_file is accepted", "[feed]") {
    FeedWorld w;
    const auto pki = feedtest::make_test_pki(w.dir.path());
    feedtest::LocalFeedServer https({w.www, pki.server_cert, pki.server_key});
    auto options = w.options(https.url("/files/good.json"));
    options.ca_file = pki.ca_cert;
    ContentFeed feed(options, w.parse, &*w.shown);
    INFO(w.log.out.str());
    CHECK(feed.check_now().ok);
    const auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "feed-2");
}

TEST_CASE("content feed: a failed check does not spoil the next good one (304 validators not kept)", "[feed]") {
    FeedWorld w;
    feedtest::LocalFeedServer server({w.www});
    // Staff publish content with a stale signature, then fix only the .sig: the content bytes (and ETag) are the
    // same, so the feed must not answer the fix with a 304 from the failed check.
    write(w.www / "fixed.json", content_bytes(kNewerPublished, "feed-10"));
    write(w.www / "fixed.json.sig", "AAAA\n");
    ContentFeed feed(w.options(server.url("/files/fixed.json")), w.parse, &*w.shown);
    CHECK_FALSE(feed.check_now().ok);
    write(w.www / "fixed.json.sig", sign_detached(read(w.www / "fixed.json"), w.keys.secret_b64).signature_b64);
    CHECK(feed.check_now().ok);
    const auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "feed-10");
    CHECK(feed.status().last_error.empty());
}

TEST_CASE("content feed: with no public key nothing is downloaded or accepted", "[feed]") {
    FeedWorld w;
    feedtest::LocalFeedServer server({w.www});
    auto options = w.options(server.url("/files/good.json"));
    options.public_key_b64.clear();
    ContentFeed feed(options, w.parse, &*w.shown);
    CHECK_FALSE(feed.check_now().ok);
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
    feedtest::LocalFeedServer server({w.www, "", "", 60.0});

    SECTION("periodic checks hand over the update to the polling (render) thread") {
        auto options = w.options(server.url("/files/good.json"));
        options.period = 50ms;
        ContentFeed feed(options, w.parse, &*w.shown);
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
        auto options = w.options(server.url("/slow/good.json"));
        options.total_timeout_s = 120;  // only the cancel flag can end this transfer early
        ContentFeed feed(options, w.parse, &*w.shown);
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
        CHECK(read(w.cache) == w.shown_bytes);
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

    feedtest::LocalFeedServer server({w.www});
    auto options = w.options(server.url("/files/programme.json"));
    options.public_key_b64 = pub;
    ContentFeed feed(options, w.parse, &*w.shown);
    INFO(w.log.out.str());
    CHECK(feed.check_now().ok);
    const auto update = feed.take_update();
    REQUIRE(update);
    CHECK(update->version == "staff-1");

    // Refused before signing: content every kiosk would reject.
    write(w.www / "broken.json", "{\"version\": ");
    CHECK(app::run_sign_content(keydir / "content-feed.key", w.www / "broken.json") != 0);
    CHECK_FALSE(fs::exists(w.www / "broken.json.sig"));
    CHECK(app::run_sign_content(keydir / "missing.key", programme) != 0);
}

TEST_CASE("map refresh: a second periodic job on the same thread fills a missing contour cache", "[feed][maps]") {
    const fs::path mirror = kRoot + "/../shared/data/geo";
    if (!fs::exists(mirror)) {
        WARN("offline map mirror absent at " << mirror << ": skipped");
        return;
    }
    FeedWorld w;
    feedtest::LocalFeedServer server({w.www});
    const fs::path kiosk_root = w.dir / "kiosk";
    const auto map_membership = to_map_membership(membership());
    REQUIRE_FALSE(map_cache_complete(kiosk_root, map_membership));

    auto options = w.options(server.url("/files/good.json"));
    options.period = 100ms;
    ContentFeed feed(options, w.parse, &*w.shown);
    MapRefreshOptions maps;
    maps.root = kiosk_root;
    maps.sources = {mirror.string()};
    maps.membership = map_membership;
    maps.fetch.prebuild_model = false;
    maps.first_run = 0ms;
    BackgroundJobs jobs(7);
    jobs.add(feed.job());
    jobs.add(map_refresh_job(maps));
    jobs.start();
    std::optional<Content> update;
    for (int i = 0; i < 3000 && (!update || !map_cache_complete(kiosk_root, map_membership)); ++i) {  // <= ~60 s
        if (!update) update = feed.take_update();
        std::this_thread::sleep_for(20ms);
    }
    jobs.stop();
    CHECK(map_cache_complete(kiosk_root, map_membership));
    REQUIRE(update);
    CHECK(update->version == "feed-2");
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
