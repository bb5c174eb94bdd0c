// Figures about this process for --bench: memory from /proc/self/status, percentiles of frame times.
#pragma once
#include <string>
#include <vector>

namespace qmi::app {

// Resident set size now (VmRSS) and its peak so far (VmHWM), in KiB; 0 when /proc is unavailable.
long rss_kib();
long peak_rss_kib();

// p in [0, 100], nearest-rank on a copy. 0 for an empty list.
double percentile(std::vector<double> values, double p);

}  // namespace qmi::app
