#include "core/content_store.hpp"

#include "core/atomic_file.hpp"
#include "core/signature.hpp"

namespace qmi {

namespace {

// A signature file is 88 base64 characters; anything much larger is not one.
constexpr size_t kMaxSignatureBytes = 1024;

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
        const auto read = read_file_capped(paths.cache, kMaxContentBytes);
        if (read.missing) {
            // First boot or no feed: nothing to report.
        } else if (!read.bytes) {
            start.errors.push_back("content cache ignored: " + read.error);
        } else if (public_key_b64.empty()) {
            start.errors.push_back("content cache ignored: " + label +
                                   ": no content feed public key is configured to verify it");
        } else {
            const auto sig = read_file_capped(signature_file(paths.cache), kMaxSignatureBytes);
            if (!sig.bytes) {
                start.errors.push_back("content cache ignored: " + sig.error);
            } else {
                auto check = check_signed_content(*read.bytes, *sig.bytes, public_key_b64, label, parse);
                if (!check.content)
                    start.errors.push_back("content cache ignored: " + check.error);
                else
                    cached = ActiveContent{std::move(*check.content), ContentSource::Cache, check.published};
            }
        }
    }

    if (cached && (!bundled || cached->published > bundled->published))
        start.active = std::move(cached);
    else if (bundled)
        start.active = std::move(bundled);
    return start;
}

std::string save_content_cache(const std::filesystem::path& cache, std::string_view bytes,
                               std::string_view signature_b64) {
    if (auto error = write_file_atomically(cache, bytes); !error.empty()) return error;
    std::string sig(signature_b64);
    sig += '\n';
    return write_file_atomically(signature_file(cache), sig);
}

}  // namespace qmi
