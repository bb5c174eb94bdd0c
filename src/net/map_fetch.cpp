#include "net/map_fetch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/atomic_file.hpp"
#include "core/contour_files.hpp"
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

// The first problem and how many more, as one line.
std::string first_problem(const ConfigErrors& errors, const std::string& file) {
    if (errors.empty()) return file + ": unusable";
    std::string line = errors.front().message();
    if (errors.size() > 1) line += " (and " + std::to_string(errors.size() - 1) + " more problems)";
    return line;
}

// check_department as one line: "" when acceptable, else the first problem and how many more.
std::string problem_line(const DepartmentCheck& check) {
    return check.ok() ? std::string() : first_problem(check.errors, check.file);
}

// The cached departments among `depts` that fail check_department; `why` names the first.
std::vector<std::string> damaged_departments(const std::filesystem::path& root, const std::vector<std::string>& depts,
                                             const MapMembership& membership, std::string* why) {
    std::vector<std::string> damaged;
    const std::vector<ContourBytes> files = read_contour_files(root);
    for (const DepartmentCheck& check : check_contour_files(files, membership)) {
        if (std::find(depts.begin(), depts.end(), check.department) == depts.end() || check.ok()) continue;
        if (damaged.empty() && why) *why = problem_line(check);
        damaged.push_back(check.department);
    }
    return damaged;
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

std::string arrondissements_source_url(std::string_view source) {
    const std::string s(source);
    if (starts_with(s, "https://geo.api.gouv.fr/") || starts_with(s, "http://geo.api.gouv.fr/"))
        return kOfficialArrondissementsSource;
    if (s.find("{dept}") != std::string::npos) return {};
    if (starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "file://"))
        return s + (s.empty() || s.back() == '/' ? "" : "/") + "arrondissements-75.geojson";
    return file_url(std::filesystem::path(s) / "arrondissements-75.geojson");
}

std::string effective_map_source(const Settings& settings) {
    if (const char* env = std::getenv("QMI_MAP_SOURCE"); env && *env) return env;
    return settings.map_source;
}

bool map_cache_complete(const std::filesystem::path& root, const MapMembership& membership, std::string* why) {
    return damaged_departments(root, ile_de_france_departments(), membership, why).empty();
}

namespace {

FetchRequest map_request(const std::string& url, const MapFetchOptions& options) {
    FetchRequest req;
    req.url = url;
    req.max_bytes = std::min(options.max_bytes, kMaxContourFileBytes);
    req.connect_timeout_s = options.connect_timeout_s;
    req.total_timeout_s = options.total_timeout_s;
    req.ca_file = options.ca_file;
    req.cancel = options.cancel;
    req.max_redirects = 3;
    return req;
}

int fetch_communes(const std::filesystem::path& root, const std::vector<std::string>& sources,
                   const MapMembership& membership, const MapFetchOptions& options) {
    const std::vector<std::string>& depts =
        options.departments.empty() ? ile_de_france_departments() : options.departments;

    std::string why;
    if (options.refresh) {
        spdlog::info("map contours: refreshing {} department(s) from {} source(s)", depts.size(), sources.size());
    } else if (damaged_departments(root, depts, membership, &why).empty()) {
        spdlog::info("map contours: cache complete in {}, nothing to fetch", (root / "maps" / "cache").string());
        return 0;
    } else {
        spdlog::info("map contours: fetching ({})", why);
    }

    for (const std::string& source : sources) {
        std::vector<std::string> bodies;
        std::string failure;
        for (const std::string& dept : depts) {
            FetchResult res = http_fetch(map_request(map_source_url(source, dept), options));
            if (!res.ok || res.status != 200) {
                failure = res.error.empty() ? res.url + ": HTTP " + std::to_string(res.status) : res.error;
                break;
            }
            const std::string problem = problem_line(check_department(res.body, dept, membership, res.url));
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
        // Every department downloaded and valid: only now touch the cache.
        if (options.refresh) {
            bool same = true;
            for (size_t i = 0; i < bodies.size() && same; ++i) {
                const FileRead cached = read_file_capped(map_cache_file(root, depts[i]), kMaxContourFileBytes);
                same = cached.bytes && *cached.bytes == bodies[i];
            }
            if (same) {
                spdlog::info("map contours: refresh from {}: unchanged", source);
                        return 0;
            }
        }
        // Stage all as "<file>.tmp-<pid>-new" (each written atomically: temp + fsync + rename), so that a full disk
        // or any write error is found before a single cache file is replaced; then rename them over the cache.
        std::vector<std::filesystem::path> staged;
        for (size_t i = 0; i < bodies.size(); ++i) {
            const std::filesystem::path stage = temporary_prefix(map_cache_file(root, depts[i])) + "new";
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
                // per department, and the next refresh rewrites the rest.
                spdlog::error("map contours: cannot replace {}: {}", map_cache_file(root, depts[i]).string(),
                              ec.message());
                for (size_t j = i; j < staged.size(); ++j) std::filesystem::remove(staged[j], ec);
                return 1;
            }
        }
        spdlog::info("map contours: {} department(s) from {}{}", depts.size(), source,
                     options.refresh ? " (new contours are used at the next start)" : "");
        return 0;
    }
    spdlog::error("map contours: no usable source among {} tried; previous cache kept", sources.size());
    return 1;
}

}  // namespace

ArrondissementsFetch fetch_arrondissements(const std::filesystem::path& root, const std::vector<std::string>& sources,
                                           const MapFetchOptions& options) {
    const std::filesystem::path file = arrondissements_cache_file(root);
    const ContourBytes cached = read_arrondissements_file(root);
    const bool cached_ok = cached.bytes && check_arrondissements(*cached.bytes, kArrondissementsLabel).ok();
    if (cached_ok && !options.refresh) return ArrondissementsFetch::Current;
    bool offered = false;
    for (const std::string& source : sources) {
        const std::string url = arrondissements_source_url(source);
        if (url.empty()) continue;
        offered = true;
        FetchResult res = http_fetch(map_request(url, options));
        std::string failure;
        if (!res.ok || res.status != 200) {
            failure = res.error.empty() ? res.url + ": HTTP " + std::to_string(res.status) : res.error;
        } else {
            const ArrondissementsCheck check = check_arrondissements(res.body, res.url);
            if (!check.ok()) failure = first_problem(check.errors, res.url);
        }
        if (!failure.empty()) {
            spdlog::warn("arrondissements: source {} rejected: {}", source, failure);
            if (options.cancel && *options.cancel) break;
            continue;
        }
        if (cached.bytes && *cached.bytes == res.body) {
            spdlog::info("arrondissements: refresh from {}: unchanged", source);
            return ArrondissementsFetch::Unchanged;
        }
        if (std::string write_error = write_file_atomically(file, res.body); !write_error.empty()) {
            spdlog::error("arrondissements: {}; previous file kept", write_error);
            return ArrondissementsFetch::Failed;
        }
        spdlog::info("arrondissements: {} from {}", kArrondissementsLabel, source);
        return ArrondissementsFetch::Written;
    }
    if (!offered) {
        spdlog::info("arrondissements: no source among {} serves them; Paris is drawn as one shape", sources.size());
        return ArrondissementsFetch::NotOffered;
    }
    spdlog::warn("arrondissements: no usable source; {}", cached_ok ? "the cached file is kept"
                                                                     : "Paris is drawn without its arrondissements");
    return ArrondissementsFetch::Failed;
}

int fetch_maps(const std::filesystem::path& root, const std::vector<std::string>& sources,
               const MapMembership& membership, const MapFetchOptions& options) {
    int rc = 0;
    if (options.communes) rc = fetch_communes(root, sources, membership, options);
    if (options.arrondissements && !(options.cancel && *options.cancel)) {
        const ArrondissementsFetch a = fetch_arrondissements(root, sources, options);
        if (!options.communes) rc = a == ArrondissementsFetch::Failed ? 1 : 0;
    }
    if (rc == 0 && options.prebuild_model) {
        MapLoad load = load_map(root, membership);
        if (!load.model) {
            spdlog::warn("map model: cannot build: {}",
                         load.errors.empty() ? std::string("unknown error") : load.errors.front().message());
        } else if (load.origin == MapOrigin::Built && load.cache_note.empty()) {
            spdlog::info("map model: built and cached");
        } else if (!load.cache_note.empty()) {
            spdlog::info("map model: {} ({})", map_origin_name(load.origin), load.cache_note);
        }
        if (!load.arrondissements_note.empty()) spdlog::warn("map model: {}", load.arrondissements_note);
    }
    return rc;
}

}  // namespace qmi::net
