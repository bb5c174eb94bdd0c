// libFuzzer harness: programme content as the kiosk receives it (the bundled file, a feed body, the cache file,
// the high-water file). Invariants: content is returned only without errors, with a valid publication time.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/content_loader.hpp"
#include "core/content_store.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qmi;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const ContentLoad load = parse_content(bytes, "fuzz", fuzz::membership());
    QMI_FUZZ_ASSERT(load.content.has_value() == load.errors.empty());
    if (load.content) QMI_FUZZ_ASSERT(parse_publication_time(load.content->published).has_value());
    if (const auto signed_bytes = decode_signed_content(bytes, nullptr))
        QMI_FUZZ_ASSERT(signed_bytes->bytes.size() < bytes.size());
    if (const auto mark = parse_high_water(bytes, nullptr))
        QMI_FUZZ_ASSERT(parse_high_water(encode_high_water(*mark), nullptr)->instant == mark->instant);
    return 0;
}
