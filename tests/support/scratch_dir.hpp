// A scratch directory for one test (or benchmark), removed with everything in it at scope exit. The name carries
// the pid and a random number: ctest runs test processes side by side, and one process may hold several.
// No Catch2 here, so benchmarks and the fuzz seed tool use it too.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qmi::test {

class ScratchDir {
public:
    // in_memory: under /dev/shm when there is one, for tests that write a lot and measure sizes, not durability
    // (a checkpoint's fsync there costs nothing).
    explicit ScratchDir(std::string_view name = "scratch", bool in_memory = false) {
        std::random_device random;
        std::error_code ec;
        const auto base = in_memory && std::filesystem::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0
                              ? std::filesystem::path("/dev/shm")
                              : std::filesystem::temp_directory_path();
        for (int attempt = 0; attempt < 100; ++attempt) {
            const auto candidate = base / ("qmi-" + std::string(name) + "-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(random()));
            if (std::filesystem::create_directory(candidate)) {
                path_ = candidate;
                return;
            }
        }
        throw std::runtime_error("cannot create a scratch directory under " + base.string());
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace qmi::test
