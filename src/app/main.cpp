// qmi-kiosk entry point: parse the command line, set up logging, run the chosen mode (src/app/run_modes.cpp).
#include <chrono>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/options.hpp"
#include "app/run_modes.hpp"
#include "app/stats_report.hpp"

int main(int argc, char** argv) {
    const auto process_start = std::chrono::steady_clock::now();
    qmi::app::Options options;
    if (auto code = qmi::app::parse_options(argc, argv, options)) return *code;
    // Logs go to stderr: stdout carries the answers of --countdown, --check-config and --bench.
    spdlog::set_default_logger(spdlog::stderr_color_mt("qmi"));
    spdlog::set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
    spdlog::set_level(options.verbose ? spdlog::level::debug : spdlog::level::info);
    if (options.subcommand == "stats") return qmi::app::run_stats(options);  // no window, no content needed
    return qmi::app::run(options, process_start);
}
