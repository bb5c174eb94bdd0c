// qmi-kiosk entry point: parse the command line, set up logging, run the chosen mode (src/app/modes.hpp).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/modes.hpp"
#include "app/options.hpp"

int main(int argc, char** argv) {
    const qmi::app::Stopwatch process;
    qmi::app::Options options;
    if (auto code = qmi::app::parse_options(argc, argv, options)) return *code;
    // Logs go to stderr: stdout carries the answers of --countdown, --check-config and --bench.
    spdlog::set_default_logger(spdlog::stderr_color_mt("qmi"));
    spdlog::set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
    spdlog::set_level(options.verbose ? spdlog::level::debug : spdlog::level::info);
    return qmi::app::run(options, process);
}
