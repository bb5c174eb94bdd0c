#include "net/map_fetch.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/geojson.hpp"
#include "core/map_cache.hpp"
#include "net/http_fetch.hpp"

namespace qmi::net {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// file:// URLs must be percent-encoded like any URL (a space in a directory name would break them).
std::string file_url(const std::filesystem::path& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string url = "file://";
    for (unsigned char ch : std::filesystem::absolute(path).lexically_normal().string()) {
        if (std::isalnum(ch) || ch == '/' || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            url += static_cast<char>(ch);
        } else {
            url += '%';
            url += hex[ch >> 4];
            url += hex[ch & 15];
        }
    }
    return url;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

std::string read_file(const std::filesystem::path& p, bool& ok) {
    std::ifstream in(p, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream s;
    if (ok) s << in.rdbuf();
    return s.str();
}

// Parse + validate one department's bytes; "" when acceptable, else one line (first problem and how many).
std::string check_department(const std::string& bytes, const std::string& dept, const MapMembership& membership,
                             const std::string& label) {
    GeoParse parsed = parse_feature_collection(bytes, label);
    ConfigErrors errors = parsed.errors;
    if (parsed.collection) {
        ConfigErrors v = validate_department_contours(*parsed.collection, dept, membership, label);
        errors.insert(errors.end(), v.begin(), v.end());
    }
    if (errors.empty()) return {};
    std::string line = errors.front().message();
    if (errors.size() > 1) line += " (and " + std::to_string(errors.size() - 1) + " more problems)";
    return line;
}

}  // namespace

std::vector<std::string> map_sources(const std::filesystem::path& root, std::string_view configured) {
    if (!configured.empty()) return {std::string(configured)};
    std::vector<std::string> sources{kOfficialMapSource};
    const std::filesystem::path mirror = (root / ".." / "shared" / "data" / "geo").lexically_normal();
    std::error_code ec;
    if (std::filesystem::is_directory(mirror, ec)) sources.push_back(mirror.string());
    return sources;
}

std::string map_source_url(std::string_view source, std::string_view department) {
    std::string s(source);
    if (s.find("{dept}") == std::string::npos) {
        if (starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "file://")) {
            if (!s.empty() && s.back() != '/') s += '/';
            s += "communes-{dept}.geojson";
        } else {
            return file_url(std::filesystem::path(s) / ("communes-" + std::string(department) + ".geojson"));
        }
    } else if (!starts_with(s, "http://") && !starts_with(s, "https://") && !starts_with(s, "file://")) {
        // A path template: "/srv/geo/{dept}.json".
        return file_url(replace_all(s, "{dept}", department));
    }
    return replace_all(s, "{dept}", department);
}

bool map_cache_complete(const std::filesystem::path& root, const MapMembership& membership, std::string* why) {
    for (const std::string& dept : ile_de_france_departments()) {
        bool ok = false;
        const std::string bytes = read_file(map_cache_file(root, dept), ok);
        const std::string label = "maps/cache/communes-" + dept + ".geojson";
        if (!ok) {
            if (why) *why = label + ": absent";
            return false;
        }
        const std::string problem = check_department(bytes, dept, membership, label);
        if (!problem.empty()) {
            if (why) *why = problem;
            return false;
        }
    }
    return true;
}

int fetch_maps(const std::filesystem::path& root, const std::vector<std::string>& sources,
               const MapMembership& membership, const MapFetchOptions& options) {
    auto prebuild = [&] {
        if (!options.prebuild_model) return;
        MapLoad load = load_map(root, membership);
        if (!load.model) {
            spdlog::warn("map model: cannot build: {}",
                         load.errors.empty() ? std::string("unknown error") : load.errors.front().message());
        } else if (!load.from_cache) {
            spdlog::info("map model: built and cached ({})", load.cache_note);
        }
    };

    std::string why;
    if (options.refresh) {
        spdlog::info("map contours: refreshing from {} source(s)", sources.size());
    } else if (map_cache_complete(root, membership, &why)) {
        spdlog::info("map contours: cache complete in {}, nothing to fetch", (root / "maps" / "cache").string());
        prebuild();
        return 0;
    } else {
        spdlog::info("map contours: fetching ({})", why);
    }

    for (const std::string& source : sources) {
        std::vector<std::string> bodies;
        std::string failure;
        for (const std::string& dept : ile_de_france_departments()) {
            FetchRequest req;
            req.url = map_source_url(source, dept);
            req.max_bytes = options.max_bytes;
            req.connect_timeout_s = options.connect_timeout_s;
            req.total_timeout_s = options.total_timeout_s;
            req.ca_file = options.ca_file;
            req.cancel = options.cancel;
            req.max_redirects = 3;
            FetchResult res = http_fetch(req);
            if (!res.ok || res.status != 200) {
                failure = res.error.empty() ? req.url + ": HTTP " + std::to_string(res.status) : res.error;
                break;
            }
            const std::string problem = check_department(res.body, dept, membership, req.url);
            if (!problem.empty()) {
                failure = problem;
                break;
            }
            bodies.push_back(std::move(res.body));
        }
        if (!failure.empty()) {
            spdlog::warn("map contours: source {} rejected: {}", source, failure);
            continue;
        }
        // All eight downloaded and valid: only now touch the cache.
        const std::vector<std::string>& depts = ile_de_france_departments();
        if (options.refresh) {
            bool same = true;
            for (size_t i = 0; i < bodies.size() && same; ++i) {
                bool ok = false;
                same = read_file(map_cache_file(root, depts[i]), ok) == bodies[i] && ok;
            }
            if (same) {
                spdlog::info("map contours: refresh from {}: unchanged", source);
                prebuild();
                return 0;
            }
        }
        // Stage all eight as "<file>.new" (each written atomically: temp + fsync + rename), so that a full disk
        // or any write error is found before a single cache file is replaced; then rename them over the cache.
        std::vector<std::filesystem::path> staged;
        for (size_t i = 0; i < bodies.size(); ++i) {
            const std::filesystem::path target = map_cache_file(root, depts[i]);
            std::filesystem::path stage = target;
            stage += ".new";
            if (std::string write_error = write_file_atomically(stage, bodies[i]); !write_error.empty()) {
                spdlog::error("map contours: {}; previous cache kept", write_error);
                std::error_code ec;
                for (const auto& p : staged) std::filesystem::remove(p, ec);
                std::filesystem::remove(stage, ec);
                return 1;
            }
            staged.push_back(stage);
        }
        for (size_t i = 0; i < staged.size(); ++i) {
            std::error_code ec;
            std::filesystem::rename(staged[i], map_cache_file(root, depts[i]), ec);
            if (ec) {
                // Renames in one directory do not fail short of a broken disk; what is already renamed is valid
                // per department, and the next refresh rewrites all eight.
                spdlog::error("map contours: cannot replace {}: {}", map_cache_file(root, depts[i]).string(),
                              ec.message());
                for (size_t j = i; j < staged.size(); ++j) std::filesystem::remove(staged[j], ec);
                return 1;
            }
        }
        spdlog::info("map contours: 8 departments from {}{}", source,
                     options.refresh ? " (new contours are used at the next start)" : "");
        prebuild();
        return 0;
    }
    spdlog::error("map contours: no usable source among {} tried; previous cache kept", sources.size());
    return 1;
}

}  // namespace qmi::net
