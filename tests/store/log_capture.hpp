// A logger whose lines the test can count while other threads log: what staff would read in the journal.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

namespace qmi::test {

class CaptureSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<std::string> lines() {
        std::lock_guard lock(mutex_);
        return lines_;
    }
    // Lines at `level` or above that contain `part`.
    size_t count(spdlog::level::level_enum level, const std::string& part = "") {
        std::lock_guard lock(mutex_);
        size_t n = 0;
        for (size_t i = 0; i < lines_.size(); ++i)
            if (levels_[i] >= level && lines_[i].find(part) != std::string::npos) ++n;
        return n;
    }
    std::string all() {
        std::string s;
        for (const auto& l : lines()) s += l + "\n";
        return s;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        lines_.emplace_back(msg.payload.data(), msg.payload.size());
        levels_.push_back(msg.level);
    }
    void flush_() override {}

private:
    std::vector<std::string> lines_;
    std::vector<spdlog::level::level_enum> levels_;
};

struct LogCapture {
    std::shared_ptr<CaptureSink> sink = std::make_shared<CaptureSink>();
    std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>("capture", sink);
    LogCapture() { logger->set_level(spdlog::level::trace); }
    size_t warnings(const std::string& part = "") { return sink->count(spdlog::level::warn, part); }
    size_t infos(const std::string& part = "") { return sink->count(spdlog::level::info, part); }
    std::string all() { return sink->all(); }
};

}  // namespace qmi::test
