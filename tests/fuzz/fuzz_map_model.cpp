// libFuzzer harness: maps/cache/map-model.bin. The whole file (header, key, checksum), and the payload decoder on
// its own, since the fuzzer cannot forge a checksum. Invariant: whatever decodes re-encodes and decodes to the same.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/map_cache.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qmi;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)decode_map_model(bytes, "", nullptr);
    if (const auto model = decode_map_payload(bytes, nullptr)) {
        const std::string again = encode_map_model(*model, "fuzz key");
        const auto back = decode_map_model(again, "", nullptr);
        QMI_FUZZ_ASSERT(back.has_value());
        QMI_FUZZ_ASSERT(back->communes.size() == model->communes.size());
        QMI_FUZZ_ASSERT(back->metropole_count == model->metropole_count);
    }
    return 0;
}
