#include "app/process_stats.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace qmi::app {

namespace {

long status_field_kib(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.compare(0, prefix.size(), prefix) == 0) return std::atol(line.c_str() + prefix.size());
    return 0;
}

}  // namespace

long rss_kib() { return status_field_kib("VmRSS"); }
long peak_rss_kib() { return status_field_kib("VmHWM"); }

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(v.size()));
    const size_t i = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(v.size()))) - 1;
    return v[i];
}

}  // namespace qmi::app
