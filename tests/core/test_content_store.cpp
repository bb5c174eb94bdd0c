// Start-up content choice: the newest valid of the bundled config/content.json and the feed's signed cache (one file:
// signature and bytes together). A cache that is corrupted, truncated, mis-signed or invalid is ignored with one
// error line, never shown. The high-water mark remembers the newest content ever accepted, apart from the cache.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "../support/dead_pid.hpp"
#include "../support/repo_data.hpp"
#include "../support/scratch_dir.hpp"
#include "core/atomic_file.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"

using namespace qmi;
namespace fs = std::filesystem;
using namespace qmi::test;

namespace {

const std::string kRoot = QMI_SOURCE_ROOT;


ContentStamp stamp(const std::string& version, const std::string& published) {
    return {version, published, *parse_publication_time(published)};
}

// A kiosk root: a bundled content.json and a var/ cache, both under test control.
struct Fixture {
    ScratchDir dir{"content-store"};
    SigningKeys keys = generate_signing_keys();
    ContentPaths paths = content_paths(dir.path());
    ContentParser parse = content_parser(membership());

    Fixture() { fs::create_directories(paths.bundled.parent_path()); }
    void bundle(const std::string& published, const std::string& version) {
        write(paths.bundled, content_bytes(published, version));
    }
    // What the feed does when it accepts content: high-water mark, then cache.
    void cache(const std::string& bytes, const std::string& secret_b64) {
        const auto sig = sign_detached(bytes, secret_b64);
        REQUIRE(sig.ok());
        const auto content = parse(bytes, "cache");
        REQUIRE(content.content);
        REQUIRE(save_accepted_content(paths, bytes, sig.signature_b64, *stamp_of(*content.content)).empty());
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

    const std::string file = read(f.paths.cache);
    SECTION("one byte of the content flipped on disk") {
        std::string bad = file;
        bad[bad.size() / 2] ^= 0x20;
        write(f.paths.cache, bad);
        expect_in_error = "signature does not match";
    }
    SECTION("one byte of the signature flipped on disk") {
        std::string bad = file;
        bad[30] = bad[30] == 'A' ? 'B' : 'A';
        write(f.paths.cache, bad);
        expect_in_error = "signature does not match";
    }
    SECTION("truncated inside the content (power cut while an old, non-atomic tool wrote it)") {
        write(f.paths.cache, file.substr(0, file.size() / 3));
        expect_in_error = "signature does not match";
    }
    SECTION("truncated inside the signature line") {
        write(f.paths.cache, file.substr(0, 40));
        expect_in_error = "no signature line";
    }
    SECTION("empty cache file") {
        write(f.paths.cache, "");
        expect_in_error = "not a signed content file";
    }
    SECTION("the bare content, without the signature (another tool's file)") {
        write(f.paths.cache, good);
        expect_in_error = "not a signed content file";
    }
    SECTION("signature line garbage") {
        write(f.paths.cache, encode_signed_content(good, "garbage"));
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
        write(f.paths.cache,
              encode_signed_content(doc.dump(2), sign_detached(doc.dump(2), f.keys.secret_b64).signature_b64));
        expect_in_error = "/districts/0/insee";
    }
    SECTION("cache larger than any content file") {
        write(f.paths.cache, std::string(kMaxContentBytes + 2048, ' '));
        expect_in_error = "larger than";
    }
    SECTION("a FIFO instead of the cache: refused at once, never waited on") {
        fs::remove(f.paths.cache);
        REQUIRE(::mkfifo(f.paths.cache.c_str(), 0644) == 0);
        expect_in_error = "not a regular file";
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

    write(f.paths.cache, encode_signed_content("tampered", "AAAA"));
    start = f.start();
    CHECK_FALSE(start.active);
    CHECK(start.errors.size() == 2);
}

TEST_CASE("atomic file: replaces the whole file, leaves no temporary, applies the mode", "[atomic_file]") {
    ScratchDir d("atomic");
    const auto file = d / "sub" / "cache.json";
    REQUIRE(write_file_atomically(file, "first version").empty());
    REQUIRE(write_file_atomically(file, "second").empty());
    CHECK(read(file) == "second");
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(file.parent_path())) ++entries;
    CHECK(entries == 1);  // no *.tmp-XXXXXX left behind

    const auto secret = d / "secret.key";
    REQUIRE(write_new_file(secret, "s3cret", 0600).empty());
    struct stat st {};
    REQUIRE(::stat(secret.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto again = write_new_file(secret, "other", 0600);
    CHECK(again.find("already exists") != std::string::npos);
    CHECK(read(secret) == "s3cret");
}

TEST_CASE("atomic file: capped read refuses large files and reports missing ones", "[atomic_file]") {
    ScratchDir d("capped");
    const auto file = d / "f";
    write(file, std::string(100, 'x'));
    CHECK(read_file_capped(file, 100).bytes == std::string(100, 'x'));
    const auto big = read_file_capped(file, 99);
    CHECK_FALSE(big.bytes);
    CHECK(big.error.find("larger than 99 bytes") != std::string::npos);
    const auto missing = read_file_capped(d / "nope", 100);
    CHECK(missing.missing);
    CHECK_FALSE(missing.bytes);
    const auto dir = read_file_capped(d.path(), 100);
    CHECK_FALSE(dir.bytes);
    CHECK_FALSE(dir.missing);
    // A FIFO is refused at once (a blocking open would wait for a writer forever); so is a device.
    REQUIRE(::mkfifo((d / "fifo").c_str(), 0644) == 0);
    const auto fifo = read_file_capped(d / "fifo", 100);
    CHECK_FALSE(fifo.bytes);
    CHECK(fifo.error.find("not a regular file") != std::string::npos);
    const auto device = read_file_capped("/dev/zero", 100);
    CHECK_FALSE(device.bytes);
    CHECK(device.error.find("not a regular file") != std::string::npos);
}

TEST_CASE("atomic file: temporary files of dead writers are removed, live ones kept", "[atomic_file]") {
    ScratchDir d("stale");
    const std::string dead = std::to_string(dead_pid()), own_pid = std::to_string(::getpid());
    for (const std::string& name : std::vector<std::string>{"content-cache.signed.tmp-" + dead + "-a1B2c3", "communes-75.geojson.tmp-" + dead + "-new",
          "content-cache.json.tmp-Xy12Zq",  // an older version's name, without a pid
          "content-cache.signed.tmp-" + own_pid + "-q1W2e3", "communes-92.geojson.tmp-1-abcdef",  // init: alive
          "content-cache.signed", "notes.tmp-readme.txt"})
        write(d / name, "x");
    CHECK(remove_stale_temporaries(d.path()) == 3);
    std::set<std::string> left;
    for (const auto& e : fs::directory_iterator(d.path())) left.insert(e.path().filename().string());
    CHECK(left == std::set<std::string>{"content-cache.signed.tmp-" + own_pid + "-q1W2e3",
                                        "communes-92.geojson.tmp-1-abcdef", "content-cache.signed",
                                        "notes.tmp-readme.txt"});
    CHECK(remove_stale_temporaries(d / "absent") == 0);
}

TEST_CASE("content store: the cache file holds signature and bytes together, byte for byte", "[content_store]") {
    const std::string bytes = "{\n  \"a\": 1\n}\n\n";  // trailing newlines are part of what was signed
    const std::string file = encode_signed_content(bytes, "c2lnbmF0dXJl\n");  // a .sig file's trailing newline
    std::string why;
    const auto back = decode_signed_content(file, &why);
    REQUIRE(back);
    CHECK(back->bytes == bytes);
    CHECK(back->signature_b64 == "c2lnbmF0dXJl");
    CHECK_FALSE(decode_signed_content(bytes, &why));
    CHECK_FALSE(decode_signed_content("QMI-SIGNED-CONTENT 1\n" + std::string(5000, 'A'), &why));
    CHECK(why == "no signature line");
}

TEST_CASE("content store: a replay of older signed content is judged older, even after the cache is lost",
          "[content_store]") {
    const auto v1 = stamp("v1", "2024-02-06T12:00:00+01:00"), v2 = stamp("v2", "2024-03-01T09:00:00+01:00"),
               v2b = stamp("v2b", "2024-03-01T09:00:00+01:00"), v3 = stamp("v3", "2024-04-01T09:00:00+02:00");
    CHECK(judge_candidate(v2, v1, std::nullopt).verdict == Verdict::Newer);
    CHECK(judge_candidate(v1, v2, std::nullopt).verdict == Verdict::Older);
    CHECK(judge_candidate(v2, v2, v2).verdict == Verdict::Same);
    CHECK(judge_candidate(v2b, v2, v2).verdict == Verdict::SameInstant);
    // The cache was lost: the bundled v1 is on screen, v2 was accepted before.
    // A feed serving v1 again is a replay of content older than accepted, even if it is what is on screen.
    CHECK(judge_candidate(v1, v1, v2).verdict == Verdict::Older);
    const auto v1_5 = stamp("v1.5", "2024-02-20T09:00:00+01:00");
    const Judgement older = judge_candidate(v1_5, v1, v2);
    CHECK(older.verdict == Verdict::Older);  // newer than the screen, older than what was accepted: refused
    CHECK(older.reason.find("accepted before (v2") != std::string::npos);
    CHECK(judge_candidate(v2, v1, v2).verdict == Verdict::Newer);      // the feed brings v2 back
    CHECK(judge_candidate(v2b, v1, v2).verdict == Verdict::SameInstant);  // but not an edit of it
    CHECK(judge_candidate(v3, v1, v2).verdict == Verdict::Newer);
    CHECK(judge_candidate(v3, std::nullopt, std::nullopt).verdict == Verdict::Newer);
}

TEST_CASE("content store: the high-water mark survives a deleted or damaged cache, and is raised, never lowered",
          "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    CHECK(f.start().high_water->version == "feed-7");

    fs::remove(f.paths.cache);
    ContentStart start = f.start();
    REQUIRE(start.active);
    CHECK(start.active->content.version == "bundled-1");
    REQUIRE(start.high_water);
    CHECK(start.high_water->version == "feed-7");
    CHECK(start.errors.empty());

    CHECK(raise_high_water(f.paths, stamp("bundled-0", "2024-01-01T00:00:00Z")).empty());
    CHECK(f.start().high_water->version == "feed-7");  // not lowered
    CHECK(raise_high_water(f.paths, stamp("bundled-9", "2025-01-01T00:00:00Z")).empty());
    CHECK(f.start().high_water->version == "bundled-9");

    write(f.paths.high_water, "{\"published\": \"yesterday\"}");
    start = f.start();
    CHECK_FALSE(start.high_water);
    REQUIRE(start.errors.size() == 1);
    CHECK(start.errors[0].find("content high-water mark ignored") == 0);
    std::string why;
    CHECK(parse_high_water(encode_high_water(stamp("v", "2024-02-06T12:00:00+01:00")), &why)->version == "v");
}

TEST_CASE("content store: save writes the mark before the cache: no mark written, no cache replaced", "[content_store]") {
    Fixture f;
    f.bundle("2024-02-06T12:00:00+01:00", "bundled-1");
    // The mark cannot be written (its path is a directory): nothing is written, the old cache stays.
    f.cache(content_bytes("2024-03-01T09:00:00+01:00", "feed-7"), f.keys.secret_b64);
    fs::remove(f.paths.high_water);
    fs::create_directories(f.paths.high_water / "blocked");
    const std::string bytes = content_bytes("2024-04-01T09:00:00+02:00", "feed-8");
    const std::string error = save_accepted_content(
        f.paths, bytes, sign_detached(bytes, f.keys.secret_b64).signature_b64, stamp("feed-8", "2024-04-01T09:00:00+02:00"));
    CHECK_FALSE(error.empty());
    CHECK(f.start().active->content.version == "feed-7");
}
