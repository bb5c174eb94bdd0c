#include "core/content_store.hpp"

#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/signature.hpp"

namespace qmi {

namespace {

// A signature is 88 base64 characters; a header line much longer than that is not one.
constexpr size_t kMaxSignatureBytes = 1024;
// {"published": ..., "version": ...}: a few hundred bytes at most.
constexpr size_t kMaxHighWaterBytes = 4096;
constexpr std::string_view kSignedMagic = "QMI-SIGNED-CONTENT 1\n";

std::string describe(const ContentStamp& s) { return s.version + ", published " + s.published; }

}  // namespace

const char* content_source_name(ContentSource source) {
    switch (source) {
        case ContentSource::Bundled: return "bundled";
        case ContentSource::Cache: return "cache";
        case ContentSource::Feed: return "feed";
    }
    return "?";
}

std::optional<date::sys_seconds> parse_publication_time(std::string_view iso) {
    // Exactly YYYY-MM-DDTHH:MM:SS then Z or +HH:MM / -HH:MM. Checked by hand because date::parse accepts
    // trailing garbage and normalises impossible dates such as 2024-02-30.
    auto number = [&](size_t from, size_t count) -> int {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return -1;
            value = value * 10 + (iso[i] - '0');
        }
        return value;
    };
    if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':')
        return std::nullopt;
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
        second > 59)
        return std::nullopt;
    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;

    std::chrono::minutes offset{0};
    const std::string_view zone = iso.substr(19);
    if (zone != "Z") {
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
        const int oh = number(20, 2), om = number(23, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
        offset = std::chrono::hours{oh} + std::chrono::minutes{om};
        if (zone[0] == '-') offset = -offset;
    }
    // Local wall time minus its offset from UTC = the instant.
    return date::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
           std::chrono::seconds{second} - offset;
}

ContentParser content_parser(const Membership& membership, GlyphPredicate drawable) {
    return [&membership, drawable = std::move(drawable)](std::string_view bytes, const std::string& label) {
        return parse_content(bytes, label, membership, drawable);
    };
}

std::filesystem::path signature_file(const std::filesystem::path& content_file) {
    return std::filesystem::path(content_file.string() + ".sig");
}

ContentPaths content_paths(const std::filesystem::path& root) {
    return {root / "config" / "content.json", root / "var" / "content-cache.signed",
            root / "var" / "content-high-water.json"};
}

std::optional<ContentStamp> stamp_of(const Content& content) {
    const auto instant = parse_publication_time(content.published);
    if (!instant) return std::nullopt;
    return ContentStamp{content.version, content.published, *instant};
}

std::string one_line(const ConfigErrors& errors) {
    if (errors.empty()) return {};
    std::string line = errors.front().message();
    if (errors.size() > 1) line += " (and " + std::to_string(errors.size() - 1) + " more)";
    return line;
}

SignedContentCheck check_signed_content(std::string_view bytes, std::string_view signature_b64,
                                        std::string_view public_key_b64, const std::string& label,
                                        const ContentParser& parse) {
    SignedContentCheck check;
    // Verify before parsing: unsigned bytes never reach the JSON parser.
    const auto verified = verify_detached(bytes, signature_b64, public_key_b64);
    if (!verified.ok) {
        check.error = label + ": rejected: " + verified.error;
        return check;
    }
    auto load = parse(bytes, label);
    if (!load.content) {
        check.error = "rejected invalid content: " + one_line(load.errors);
        return check;
    }
    const auto published = parse_publication_time(load.content->published);
    if (!published) {  // the loader validates it; this only guards a parser that does not
        check.error = label + ": rejected: no valid \"published\" date-time";
        return check;
    }
    check.published = *published;
    check.content = std::move(load.content);
    return check;
}

std::string encode_signed_content(std::string_view bytes, std::string_view signature_b64) {
    // A .sig file usually ends with a newline; the signature line must not, or the bytes would gain one.
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!signature_b64.empty() && blank(signature_b64.front())) signature_b64.remove_prefix(1);
    while (!signature_b64.empty() && blank(signature_b64.back())) signature_b64.remove_suffix(1);
    std::string out(kSignedMagic);
    out += signature_b64;
    out += '\n';
    out += bytes;
    return out;
}

std::optional<SignedBytes> decode_signed_content(std::string_view file, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<SignedBytes> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (file.substr(0, kSignedMagic.size()) != kSignedMagic) return fail("not a signed content file");
    const std::string_view rest = file.substr(kSignedMagic.size());
    const size_t end = rest.substr(0, kMaxSignatureBytes).find('\n');
    if (end == std::string_view::npos) return fail("no signature line");
    return SignedBytes{rest.substr(0, end), rest.substr(end + 1)};
}

std::string encode_high_water(const ContentStamp& stamp) {
    return nlohmann::json{{"published", stamp.published}, {"version", stamp.version}}.dump(2) + "\n";
}

std::optional<ContentStamp> parse_high_water(std::string_view bytes, std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<ContentStamp> {
        if (why) *why = reason;
        return std::nullopt;
    };
    const nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return fail("not a JSON object");
    const auto published = doc.find("published");
    const auto version = doc.find("version");
    if (published == doc.end() || !published->is_string()) return fail("no \"published\" string");
    if (version == doc.end() || !version->is_string()) return fail("no \"version\" string");
    ContentStamp stamp{version->get<std::string>(), published->get<std::string>(), {}};
    const auto instant = parse_publication_time(stamp.published);
    if (!instant) return fail("\"published\" is not a date-time with offset");
    stamp.instant = *instant;
    return stamp;
}

std::optional<ContentStamp> read_high_water(const std::filesystem::path& file, std::string* error) {
    const auto read = read_file_capped(file, kMaxHighWaterBytes);
    std::string why;
    std::optional<ContentStamp> mark;
    if (read.bytes) {
        mark = parse_high_water(*read.bytes, &why);
        if (!mark) why = file.string() + ": " + why;
    } else if (!read.missing) {
        why = read.error;
    }
    if (error) *error = why;
    return mark;
}

ContentStart choose_startup_content(const ContentPaths& paths, std::string_view public_key_b64,
                                    const ContentParser& parse) {
    ContentStart start;

    std::optional<ActiveContent> bundled;
    {
        const std::string label = paths.bundled.string();
        const auto read = read_file_capped(paths.bundled, kMaxContentBytes);
        if (!read.bytes) {
            start.errors.push_back("bundled content unusable: " + read.error);
        } else {
            auto load = parse(*read.bytes, label);
            const auto published =
                load.content ? parse_publication_time(load.content->published) : std::optional<date::sys_seconds>{};
            if (!load.content)
                start.errors.push_back("bundled content unusable: " + one_line(load.errors));
            else if (!published)
                start.errors.push_back("bundled content unusable: " + label + ": no valid \"published\" date-time");
            else
                bundled = ActiveContent{std::move(*load.content), ContentSource::Bundled, *published};
        }
    }

    std::optional<ActiveContent> cached;
    {
        const std::string label = paths.cache.string();
        const auto read = read_file_capped(paths.cache, kMaxContentBytes + kMaxSignatureBytes + kSignedMagic.size());
        std::string why;
        if (read.missing) {
            // First boot or no feed: nothing to report.
        } else if (!read.bytes) {
            start.errors.push_back("content cache ignored: " + read.error);
        } else if (public_key_b64.empty()) {
            start.errors.push_back("content cache ignored: " + label +
                                   ": no content feed public key is configured to verify it");
        } else if (const auto signed_bytes = decode_signed_content(*read.bytes, &why); !signed_bytes) {
            start.errors.push_back("content cache ignored: " + label + ": " + why);
        } else {
            auto check = check_signed_content(signed_bytes->bytes, signed_bytes->signature_b64, public_key_b64, label,
                                              parse);
            if (!check.content)
                start.errors.push_back("content cache ignored: " + check.error);
            else
                cached = ActiveContent{std::move(*check.content), ContentSource::Cache, check.published};
        }
    }

    {
        std::string why;  // stays "" when there is no mark yet (nothing accepted from a feed)
        start.high_water = read_high_water(paths.high_water, &why);
        if (!why.empty()) start.errors.push_back("content high-water mark ignored: " + why);
    }

    if (cached && (!bundled || cached->published > bundled->published))
        start.active = std::move(cached);
    else if (bundled)
        start.active = std::move(bundled);
    return start;
}

Judgement judge_candidate(const ContentStamp& candidate, const std::optional<ContentStamp>& shown,
                          const std::optional<ContentStamp>& high_water) {
    if (shown && candidate.instant < shown->instant)
        return {Verdict::Older, "older than the content on screen (" + describe(*shown) + ")"};
    if (high_water && candidate.instant < high_water->instant)
        return {Verdict::Older, "older than content accepted before (" + describe(*high_water) + ")"};
    if (shown && candidate.instant == shown->instant) {
        if (candidate.version == shown->version) return {Verdict::Same, {}};
        return {Verdict::SameInstant, "version " + candidate.version + " has the same published instant as the " +
                                          "content on screen (" + describe(*shown) + ")"};
    }
    if (high_water && candidate.instant == high_water->instant && candidate.version != high_water->version)
        return {Verdict::SameInstant, "version " + candidate.version + " has the same published instant as " +
                                          "content accepted before (" + describe(*high_water) + ")"};
    return {Verdict::Newer, {}};
}

std::string save_accepted_content(const ContentPaths& paths, std::string_view bytes, std::string_view signature_b64,
                                  const ContentStamp& stamp) {
    if (auto error = write_file_atomically(paths.high_water, encode_high_water(stamp)); !error.empty()) return error;
    return write_file_atomically(paths.cache, encode_signed_content(bytes, signature_b64));
}

std::string raise_high_water(const ContentPaths& paths, const ContentStamp& shown) {
    if (const auto mark = read_high_water(paths.high_water, nullptr); mark && mark->instant >= shown.instant) return {};
    return write_file_atomically(paths.high_water, encode_high_water(shown));
}

}  // namespace qmi
