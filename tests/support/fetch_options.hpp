// fetch_maps options for tests: short timeouts, no model prebuild (tests that want it say so).
#pragma once
#include "net/map_fetch.hpp"

namespace qmi::test {

inline net::MapFetchOptions test_fetch_options(bool refresh = false) {
    net::MapFetchOptions o;
    o.connect_timeout_s = 2;
    o.total_timeout_s = 10;
    o.prebuild_model = false;
    o.refresh = refresh;
    return o;
}

}  // namespace qmi::test
