// The things qmi-kiosk can do, one function per mode; main() picks one from the command line.
#pragma once
#include <chrono>

#include "app/options.hpp"

namespace qmi::app {

// Dispatches on the options. `process_start` is taken first thing in main() (start-up figures count from it).
int run(const Options& options, std::chrono::steady_clock::time_point process_start);

int run_screenshot(const Options& options);
int run_bench(const Options& options);
int run_bench_floor(const Options& options, std::chrono::steady_clock::time_point process_start);
int run_countdown(const Options& options);
int run_check_config(const Options& options);
int run_fetch_maps(const Options& options);

}  // namespace qmi::app
