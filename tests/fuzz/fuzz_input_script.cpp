// libFuzzer harness: --replay input scripts (JSON lines). Invariant: a complete script serialises and parses back to
// the same events.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/input_script.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qmi;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const InputScript script = parse_input_script(bytes, "fuzz");
    if (script.complete && script.errors.empty()) {
        const InputScript again = parse_input_script(serialise_input_script(script.events), "again");
        QMI_FUZZ_ASSERT(again.complete);
        QMI_FUZZ_ASSERT(again.events.size() == script.events.size());
    }
    return 0;
}
