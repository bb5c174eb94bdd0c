// The kiosk's live updates as wired in the app (src/app/live_updates, content_views) against the real local feed
// server: a signed update reaches the render loop once and the staff status says where the content comes from;
// a bad update reaches nothing and the status says why; new content rebuilds the card, intro and legend.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "../support/captured_log.hpp"
#include "../support/local_server.hpp"
#include "../support/repo_data.hpp"
#include "../support/scratch_dir.hpp"
#include "app/content_views.hpp"
#include "app/kiosk_data.hpp"
#include "app/live_updates.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"
#include "core/ui_text.hpp"

using namespace qmi;
using namespace qmi::app;
using namespace qmi::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string kRoot = QMI_SOURCE_ROOT;

Content parse_content(const std::string& bytes) {
    auto load = content_parser(membership())(bytes, "test");
    REQUIRE(load.content);
    return *load.content;
}

constexpr const char* kNewerPublished = "2099-03-01T09:00:00+01:00";  // newer than any bundled content

// A mayor as content.json writes it: the name with its source and the date it holds for.
nlohmann::json mayor_fact(const std::string& name) {
    return {{"name", name}, {"source", "mgp-first-edition"}, {"as_of", "2099-03"}};
}

// A kiosk root (its own var/) showing the bundled content, and a feed directory with one file per case.
struct LiveWorld {
    ScratchDir dir{"live-test"};
    fs::path www = dir / "www";
    SigningKeys keys = generate_signing_keys();
    Content bundled;
    std::string new_mayor_insee;
    CapturedLog log;

    LiveWorld() {
        fs::create_directories(www);
        bundled = parse_content(bundled_json().dump(2));

        auto good = bundled_json();
        good["published"] = kNewerPublished;
        good["version"] = "feed-2";
        new_mayor_insee = good["districts"][0]["insee"].get<std::string>();
        good["districts"][0]["mayor"] = mayor_fact("Maire Mise-à-jour");
        publish("good.json", good.dump(2));

        // Correctly signed but invalid: a district outside the Métropole.
        auto invalid = good;
        invalid["version"] = "feed-3";
        invalid["districts"][0]["insee"] = "99999";
        publish("invalid.json", invalid.dump(2));

        // Valid content whose signature is over other bytes (tampered on the way, or a stale .sig).
        auto tampered = good;
        tampered["version"] = "feed-4";
        write(www / "tampered.json", tampered.dump(2));
        write(www / "tampered.json.sig", sign_detached(good.dump(2), keys.secret_b64).signature_b64 + "\n");
    }

    void publish(const std::string& name, const std::string& bytes) {
        write(www / name, bytes);
        write(www / (name + ".sig"), sign_detached(bytes, keys.secret_b64).signature_b64 + "\n");
    }

    // What load_kiosk_data would hand over: the bundled content on screen, a feed at `url`.
    KioskData data(const std::string& url) const {
        KioskData d;
        d.membership = membership();
        d.content = bundled;
        d.content_source = ContentSource::Bundled;
        d.settings.content_feed.url = url;
        d.settings.content_feed.public_key = keys.public_b64;
        return d;
    }
    LiveTuning tuning() const {
        LiveTuning t;
        t.map_jobs = false;  // no contour downloads in this test
        t.feed.logger = log.logger;
        return t;
    }
};

}  // namespace

TEST_CASE("live updates: a signed update is taken by poll once and the status names the feed", "[live]") {
    LiveWorld w;
    LocalServer server({w.www});
    const std::string url = server.url("/files/good.json");
    LiveUpdates live(w.dir.path(), w.data(url), w.tuning());

    LiveStatus before = live.status();
    CHECK(before.feed_configured);
    CHECK(before.feed.shown->version == w.bundled.version);
    CHECK(before.feed.source == ContentSource::Bundled);
    CHECK(before.source_label.find("bundled") == 0);
    CHECK_FALSE(before.feed.last_success);
    CHECK_FALSE(live.poll());

    REQUIRE(live.check_now() == net::FeedOutcome::Updated);
    auto update = live.poll();
    REQUIRE(update);
    CHECK(update->version == "feed-2");
    REQUIRE(update->find_district(w.new_mayor_insee)->mayor);
    CHECK(update->find_district(w.new_mayor_insee)->mayor->name == "Maire Mise-à-jour");
    CHECK_FALSE(live.poll());  // exactly once

    LiveStatus after = live.status();
    CHECK(after.feed.shown->version == "feed-2");
    CHECK(after.feed.shown->published == kNewerPublished);
    CHECK(after.feed.source == ContentSource::Feed);
    CHECK(after.source_label == url);
    REQUIRE(after.feed.last_success);
    CHECK(after.feed.last_error.empty());
    CHECK(after.feed.updates == 1);
    CHECK(format_status_time(after.feed.last_success) != format_status_time(std::nullopt));
    CHECK(status_line(after).find("showing feed-2 (" + url + ")") != std::string::npos);

    // The next start of the kiosk shows it too, from its own cache.
    ContentPaths paths = content_paths(w.dir.path());
    paths.bundled = kRoot + "/config/content.json";
    const auto start = choose_startup_content(paths, w.keys.public_b64, content_parser(membership()));
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Cache);
    CHECK(start.active->content.version == "feed-2");
}

TEST_CASE("live updates: the background thread delivers the update to poll", "[live]") {
    LiveWorld w;
    LocalServer server({w.www});
    LiveUpdates live(w.dir.path(), w.data(server.url("/files/good.json")), w.tuning());
    live.start();
    std::optional<Content> update;
    // Bounded wait (the first check runs at once); not a timing assertion.
    for (int i = 0; i < 300 && !update; ++i) {
        update = live.poll();
        if (!update) std::this_thread::sleep_for(50ms);
    }
    live.stop();
    REQUIRE(update);
    CHECK(update->version == "feed-2");
    CHECK(live.status().feed.source == ContentSource::Feed);
}

TEST_CASE("live updates: a bad update leaves poll empty and the status explains", "[live]") {
    LiveWorld w;
    LocalServer server({w.www});
    const char* cases[] = {"/files/invalid.json", "/files/tampered.json", "/files/absent.json"};
    for (const char* path : cases) {
        SECTION(path) {
            LiveUpdates live(w.dir.path(), w.data(server.url(path)), w.tuning());
            CHECK(live.check_now() == net::FeedOutcome::Failed);
            CHECK_FALSE(live.poll());
            const LiveStatus s = live.status();
            CHECK_FALSE(s.feed.last_error.empty());
            CHECK(s.feed.shown->version == w.bundled.version);  // still what was on screen
            CHECK(s.feed.source == ContentSource::Bundled);
            CHECK(s.feed.failures == 1);
            CHECK_FALSE(fs::exists(w.dir / "var/content-cache.signed"));  // nothing cached either
        }
    }
}

TEST_CASE("live updates: without a feed URL nothing runs and the status says bundled", "[live]") {
    LiveWorld w;
    LiveUpdates live(w.dir.path(), w.data(""), w.tuning());
    live.start();
    CHECK_FALSE(live.poll());
    const LiveStatus s = live.status();
    CHECK_FALSE(s.feed_configured);
    CHECK(s.source_label.find("bundled") == 0);
    CHECK(s.feed.shown->version == w.bundled.version);
}

TEST_CASE("content views: new content rebuilds the open card and the intro from the new facts", "[live]") {
    LiveWorld w;
    KioskData data;
    data.membership = membership();
    auto text = load_ui_text(kRoot + "/config/ui-text.json");
    REQUIRE(text.text);
    data.text = *text.text;
    data.content = w.bundled;
    // A two-commune map is enough: the card joins content and membership by INSEE code.
    CommuneShape district;
    district.insee = w.new_mayor_insee;
    district.name = w.bundled.find_district(w.new_mayor_insee)->commune;
    district.department = w.bundled.find_district(w.new_mayor_insee)->department;
    district.territory = w.bundled.find_district(w.new_mayor_insee)->territory;
    district.in_metropole = true;
    data.map.communes.push_back(district);
    data.map.metropole_count = 1;

    const date::sys_seconds now = date::sys_days{date::year{2024} / 5 / 1};
    const ContentViews old_views = make_content_views(w.bundled, data, 0, now);
    REQUIRE(old_views.panel);
    auto mayor_line = [](const ui::PanelModel& p) { return p.mayor.value_or(""); };
    CHECK(mayor_line(*old_views.panel) != "Maire Mise-à-jour");

    auto updated_json = bundled_json();
    updated_json["published"] = kNewerPublished;
    updated_json["districts"][0]["mayor"] = mayor_fact("Maire Mise-à-jour");
    updated_json["programme"]["description"]["source"] = "mgp-first-edition";  // a source without a publication date
    updated_json["programme"]["description"]["as_of"] = "2099-03";
    const Content updated = parse_content(updated_json.dump());
    const ContentViews views = make_content_views(updated, data, 0, now);
    REQUIRE(views.panel);
    CHECK(mayor_line(*views.panel) == "Maire Mise-à-jour");
    CHECK(views.panel->fr.as_of.find("mars 2099") != std::string::npos);  // "information as of" follows the content
    CHECK(views.intro.fr.as_of.find("mars 2099") != std::string::npos);
    CHECK(views.intro.en.as_of.find("March 2099") != std::string::npos);

    CHECK_FALSE(make_content_views(updated, data, std::nullopt, now).panel);  // nothing selected: no card
    CHECK(highlighted_communes(data.map, updated) == std::vector<size_t>{0});
    updated_json["districts"].erase(0);
    updated_json.erase("tour");  // the presenter tour names every district
    CHECK(highlighted_communes(data.map, parse_content(updated_json.dump())).empty());
}
