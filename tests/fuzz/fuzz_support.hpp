// Shared by the libFuzzer harnesses: the repository's membership, loaded once, and a check that stops the fuzzer
// (an abort is a finding, like a sanitizer report) when an invariant of the code under test breaks.
#pragma once
#include <cstdio>
#include <cstdlib>

#include "core/map_build.hpp"
#include "core/membership.hpp"

namespace qmi::fuzz {

inline const Membership& membership() {
    static const Membership m = [] {
        MembershipLoad load = load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
        if (!load.membership) {
            std::fprintf(stderr, "fuzz: cannot load maps/membership.json\n");
            std::abort();
        }
        return *load.membership;
    }();
    return m;
}

inline const MapMembership& map_membership() {
    static const MapMembership m = to_map_membership(membership());
    return m;
}

#define QMI_FUZZ_ASSERT(condition)                                                        \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            std::fprintf(stderr, "fuzz: invariant broken: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (false)

}  // namespace qmi::fuzz
