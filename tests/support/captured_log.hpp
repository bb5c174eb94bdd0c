// What a component logs through its injected spdlog logger, one entry per message as "level: text", so that tests
// can assert "exactly one clear line" (the kiosk's rule for every failure).
#pragma once
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace qmi::test {

struct CapturedLog {
    std::ostringstream out;
    std::shared_ptr<spdlog::logger> logger;

    CapturedLog() {
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
        sink->set_pattern("%l: %v");
        logger = std::make_shared<spdlog::logger>("captured", sink);
        logger->set_level(spdlog::level::info);  // what a kiosk logs in production
    }
    std::string text() const { return out.str(); }
    std::vector<std::string> lines() const {
        std::vector<std::string> v;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);) v.push_back(line);
        return v;
    }
};

}  // namespace qmi::test
