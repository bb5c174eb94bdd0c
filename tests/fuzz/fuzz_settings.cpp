// libFuzzer harness: config/kiosk.json. Invariant: settings are returned only without errors, and within the
// documented ranges.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/settings.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qmi;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const SettingsLoad load = parse_settings(bytes, "fuzz");
    QMI_FUZZ_ASSERT(load.settings.has_value() == load.errors.empty());
    if (load.settings) {
        QMI_FUZZ_ASSERT(load.settings->idle_timeout_s >= 10 && load.settings->idle_timeout_s <= 3600);
        QMI_FUZZ_ASSERT(load.settings->content_feed.period_s >= 60);
        QMI_FUZZ_ASSERT(load.settings->content_feed.url.rfind("http://", 0) != 0);
    }
    return 0;
}
