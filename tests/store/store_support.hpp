// File helpers for the store tests (real SQLite files on the real file system, in a ScratchDir), and the figures
// a usage database holds, read the way `qmi-kiosk stats` reads them.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../support/scratch_dir.hpp"
#include "../support/test_time.hpp"
#include "core/usage.hpp"
#include "store/usage_db.hpp"

namespace qmi::test {

using qmi::testdata::utc;

inline std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void put_bytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// Files in `dir` whose name starts with `prefix`.
inline std::vector<std::filesystem::path> files_starting(const std::filesystem::path& dir, const std::string& prefix) {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Everything the database holds, read the way `qmi-kiosk stats` reads it.
inline std::vector<UsageRow> stored_rows(const std::filesystem::path& file) {
    const store::UsageRead r = store::read_usage(file, date::sys_seconds{});
    INFO(r.error);
    REQUIRE(r.error.empty());
    return r.rows;
}

inline uint64_t stored_count(const std::vector<UsageRow>& rows, UsageMetric metric, const std::string& subject = "*") {
    uint64_t n = 0;
    for (const UsageRow& r : rows)
        if (r.metric == metric && (subject == "*" || r.subject == subject)) n += r.count;
    return n;
}

}  // namespace qmi::test
