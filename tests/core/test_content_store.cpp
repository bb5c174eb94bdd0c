// Start-up content choice: the newest valid of the bundled config/content.json and the feed's signed cache.
// A cache that is corrupted, truncated, mis-signed or invalid is ignored with one error line, never shown.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "../support/repo_data.hpp"
#include "core/atomic_file.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"

using namespace qmi;
namespace fs = std::filesystem;

namespace {

using qmi::testdata::membership;
using qmi::testdata::content_bytes;
using qmi::testdata::read;
using qmi::testdata::write;

const std::string kRoot = QMI_SOURCE_ROOT;

struct Dir {
    fs::path path;
    Dir() {
        path = fs::temp_directory_path() / ("qmi-store-" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~Dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A kiosk root: a bundled content.json and a var/ cache, both under test control.
struct Fixture {
    Dir dir;
    SigningKeys keys = generate_signing_keys();
    ContentPaths paths{dir.path / "config" / "content.json", dir.path / "var" / "content-cache.json"};
    ContentParser parse = content_parser(membership());

    Fixture() { fs::create_directories(paths.bundled.parent_path()); }
    void bundle(const std::string& published, const std::string& version) {
        write(paths.bundled, content_bytes(published, version));
    }
    void cache(const std::string& bytes, const std::string& secret_b64) {
        const auto sig = sign_detached(bytes, secret_b64);
        REQUIRE(sig.ok());
        REQUIRE(save_content_cache(paths.cache, bytes, sig.signature_b64).empty());
    }
    ContentStart start() const { return choose_startup_content(paths, keys.public_b64, parse); }
};

}  // namespace

TEST_CASE("content store: the repository's bundled content has a valid publication date", "[content_store]") {
    auto load = load_content_file(kRoot + "/config/content.json", "config/content.json", membership());
    INFO(one_line(load.errors));
    REQUIRE(load.content);
    CHECK(parse_publication_time(load.content->published));
}

TEST_CASE("content store: publication times need an offset and a real calendar date", "[content_store]") {
    using namespace std::chrono;
    const auto paris = parse_publication_time("2024-02-06T12:00:00+01:00");
    const auto utc = parse_publication_time("2024-02-06T11:00:00Z");
    REQUIRE(paris);
    REQUIRE(utc);
    CHECK(*paris == *utc);  // the same instant written in two zones
    CHECK(*parse_publication_time("2024-02-06T11:00:00-02:30") > *utc);
    CHECK_FALSE(parse_publication_time("2024-02-06T12:00:00"));        // no offset: ambiguous
    CHECK_FALSE(parse_publication_time("2024-02-06"));                 // a date is not a publication time
    CHECK_FALSE(parse_publication_time("2024-02-30T12:00:00Z"));       // no such day
    CHECK_FALSE(parse_publication_time("2024-02-06T24:00:00Z"));
    CHECK_FALSE(parse_publication_time("2024-02-06T12:00:00+01:00x"));  // trailing garbage
    CHECK_FALSE(parse_publication_time(""));
}

TEST_CASE("content store: no cache (first boot) -> bundled content, no error", "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    const auto start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Bundled);
    CHECK(start.active->content.version == "bundled-1");
    CHECK(start.errors.empty());
}

TEST_CASE("content store: a newer signed cache wins over the bundled content", "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    const auto start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Cache);
    CHECK(start.active->content.version == "feed-7");
    CHECK(start.errors.empty());
}

TEST_CASE("content store: a software update with newer bundled content beats an older cache", "[content_store]") {
    Fixture f;
    f.bundle("2024-06-01T08:00:00+02:00", "bundled-2");
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    const auto start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Bundled);
    CHECK(start.active->content.version == "bundled-2");
    CHECK(start.errors.empty());
}

TEST_CASE("content store: a damaged cache is ignored with one error, the bundled content is used",
          "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    const std::string good = content_bytes("2024-03-01T09:00:00+01:00", "feed-7");
    f.cache(good, f.keys.secret_b64);
    std::string expect_in_error;

    SECTION("one byte flipped on disk") {
        std::string bad = good;
        bad[bad.size() / 2] ^= 0x20;
        write(f.paths.cache, bad);
        expect_in_error = "signature does not match";
    }
    SECTION("truncated (power cut while an old, non-atomic tool wrote it)") {
        write(f.paths.cache, good.substr(0, good.size() / 3));
        expect_in_error = "signature does not match";
    }
    SECTION("empty cache file") {
        write(f.paths.cache, "");
        expect_in_error = "signature does not match";
    }
    SECTION("signature file missing") {
        fs::remove(signature_file(f.paths.cache));
        expect_in_error = "content-cache.json.sig: file not found";
    }
    SECTION("signature file garbage") {
        write(signature_file(f.paths.cache), "garbage\n");
        expect_in_error = "signature is not base64";
    }
    SECTION("signed by another key") {
        const auto other = generate_signing_keys();
        f.cache(good, other.secret_b64);
        expect_in_error = "signature does not match";
    }
    SECTION("correctly signed but invalid content (unknown commune)") {
        auto doc = nlohmann::json::parse(good);
        doc["districts"][0]["insee"] = "99999";
        f.cache(doc.dump(2), f.keys.secret_b64);
        expect_in_error = "/districts/0/insee";
    }
    SECTION("cache larger than any content file") {
        write(f.paths.cache, std::string(kMaxContentBytes + 1, ' '));
        expect_in_error = "larger than";
    }

    const auto start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Bundled);
    CHECK(start.active->content.version == "bundled-1");
    REQUIRE(start.errors.size() == 1);
    INFO(start.errors[0]);
    CHECK(start.errors[0].find("content cache ignored") == 0);
    CHECK(start.errors[0].find(expect_in_error) != std::string::npos);
}

TEST_CASE("content store: with no public key configured, a cache is not trusted", "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    const auto start = choose_startup_content(f.paths, "", f.parse);
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Bundled);
    REQUIRE(start.errors.size() == 1);
    CHECK(start.errors[0].find("no content feed public key") != std::string::npos);
}

TEST_CASE("content store: a broken bundled file falls back to a valid cache, nothing valid means no content",
          "[content_store]") {
    Fixture f;
    write(f.paths.bundled, "{ \"version\": ");
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    auto start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->source == ContentSource::Cache);
    REQUIRE(start.errors.size() == 1);
    CHECK(start.errors[0].find("bundled content unusable") == 0);

    write(f.paths.cache, "tampered");
    start = f.start();
    CHECK_FALSE(start.active);
    CHECK(start.errors.size() == 2);
}

TEST_CASE("atomic file: replaces the whole file, leaves no temporary, applies the mode", "[atomic_file]") {
    Dir d;
    const auto file = d.path / "sub" / "cache.json";
    REQUIRE(write_file_atomically(file, "first version").empty());
    REQUIRE(write_file_atomically(file, "second").empty());
    CHECK(read(file) == "second");
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(file.parent_path())) ++entries;
    CHECK(entries == 1);  // no *.tmp-XXXXXX left behind

    const auto secret = d.path / "secret.key";
    REQUIRE(write_new_file(secret, "s3cret", 0600).empty());
    struct stat st {};
    REQUIRE(::stat(secret.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto again = write_new_file(secret, "other", 0600);
    CHECK(again.find("already exists") != std::string::npos);
    CHECK(read(secret) == "s3cret");
}

TEST_CASE("atomic file: capped read refuses large files and reports missing ones", "[atomic_file]") {
    Dir d;
    const auto file = d.path / "f";
    write(file, std::string(100, 'x'));
    CHECK(read_file_capped(file, 100).bytes == std::string(100, 'x'));
    const auto big = read_file_capped(file, 99);
    CHECK_FALSE(big.bytes);
    CHECK(big.error.find("larger than 99 bytes") != std::string::npos);
    const auto missing = read_file_capped(d.path / "nope", 100);
    CHECK(missing.missing);
    CHECK_FALSE(missing.bytes);
    const auto dir = read_file_capped(d.path, 100);
    CHECK_FALSE(dir.bytes);
    CHECK_FALSE(dir.missing);
}
