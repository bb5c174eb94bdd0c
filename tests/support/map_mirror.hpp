// The offline contour mirror (../shared/data/geo beside the repository, as in CI) and scratch directories for the
// map fetch and refresh tests, which damage copies of it.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "../core/map_fixture.hpp"
#include "core/map_build.hpp"

namespace qmi::testdata {

using qmi::test::map_membership;
using qmi::test::slurp;

inline const std::filesystem::path kMirror = QMI_SOURCE_ROOT "/../shared/data/geo";

// A scratch directory, removed at the end of the test (the pid keeps parallel test processes apart).
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name) {
        path = std::filesystem::temp_directory_path() / ("qmi-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// A copy of the mirror's eight commune files in `dir`, to damage.
inline std::filesystem::path copy_mirror(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    for (const std::string& d : ile_de_france_departments())
        std::filesystem::copy_file(kMirror / ("communes-" + d + ".geojson"), dir / ("communes-" + d + ".geojson"));
    return dir;
}

}  // namespace qmi::testdata
