// Prints what the usage statistics cost (no asserts: figures for humans):
//   - record() on the frame thread, per call, while the writer thread drains and writes;
//   - one write of a busy hour's counts (a transaction, on the writer thread);
//   - the database size after a simulated year of a busy kiosk, and `stats --csv` work on it.
// Usage: qmi_bench_usage [scratch_dir]   (default: the system temp directory)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "core/usage.hpp"
#include "store/usage_db.hpp"
#include "store/usage_recorder.hpp"

using namespace qmi;
using Clock = std::chrono::steady_clock;

namespace {

double us_since(Clock::time_point t) { return std::chrono::duration<double, std::micro>(Clock::now() - t).count(); }

const char* kCodes[] = {"91027", "93001", "92040", "94068", "93066", "75056", "92012", "93048", "94028", "92050"};

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = (argc > 1 ? std::filesystem::path(argv[1])
                                                : std::filesystem::temp_directory_path()) /
                                      ("qmi-bench-usage-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const date::sys_seconds start = date::sys_days{date::year{2024} / 1 / 1} + std::chrono::hours{8};

    // 1. record() while the writer runs: bursts of 100 events (a very busy minute), 1 ms apart.
    {
        store::UsageRecorderOptions o;
        o.db.file = dir / "record" / "usage.sqlite";
        o.write_period = std::chrono::milliseconds(20);
        o.now = [start] { return start; };
        store::UsageRecorder r(o);
        r.start();
        std::vector<double> per_call_ns;
        for (int burst = 0; burst < 500; ++burst) {
            const auto t = Clock::now();
            for (int i = 0; i < 100; ++i) r.record(UsageEvent::commune_tap(start, kCodes[i % 10], i % 3 == 0));
            per_call_ns.push_back(us_since(t) * 1000.0 / 100);
            usleep(1000);
        }
        r.sync();
        std::sort(per_call_ns.begin(), per_call_ns.end());
        std::printf("record(), per call over bursts of 100: median %.0f ns, p99 %.0f ns, max %.0f ns (%llu dropped)\n",
                    per_call_ns[per_call_ns.size() / 2], per_call_ns[per_call_ns.size() * 99 / 100],
                    per_call_ns.back(), static_cast<unsigned long long>(r.dropped()));
        r.stop();
    }

    // 2. A busy year, hour by hour: 10 sessions an hour from 9:00 to 19:00, 3 taps each over 40 communes, a search
    //    and a language switch in a third of them. One write per hour (the recorder writes every 2 s: smaller).
    {
        store::UsageDbOptions o;
        o.file = dir / "year" / "usage.sqlite";
        o.retention_days = 400;
        store::UsageDb db(o);
        db.open(start);
        std::mt19937 rng(42);
        std::vector<double> write_us;
        size_t rows_written = 0;
        for (int day = 0; day < 365; ++day) {
            for (int hour = 0; hour < 10; ++hour) {
                const date::sys_seconds at = start + std::chrono::hours{24 * day + hour};
                UsageTally t;
                for (int s = 0; s < 10; ++s) {
                    t.add(UsageEvent::session_start(at));
                    for (int k = 0; k < 3; ++k)
                        t.add(UsageEvent::commune_tap(at, std::to_string(92000 + rng() % 40), rng() % 4 == 0));
                    if (rng() % 3 == 0) t.add(UsageEvent::search(at, kCodes[rng() % 10]));
                    if (rng() % 3 == 0) t.add(UsageEvent::language_switch(at, Lang::En));
                    t.add(UsageEvent::session_end(at, 20 + rng() % 240));
                    t.add(UsageEvent::attract_start(at));
                }
                const std::vector<UsageRow> rows = t.rows();
                rows_written += rows.size();
                const auto w = Clock::now();
                db.add(rows, at);
                write_us.push_back(us_since(w));
            }
        }
        std::sort(write_us.begin(), write_us.end());
        std::printf("one hour's counts (%.0f rows on average) in one transaction: median %.0f us, p99 %.0f us\n",
                    static_cast<double>(rows_written) / write_us.size(), write_us[write_us.size() / 2],
                    write_us[write_us.size() * 99 / 100]);
        db.close();
        const auto size = std::filesystem::file_size(o.file);
        std::printf("a busy year: %zu rows, database %.1f MB (%.0f KB a day)\n", rows_written, size / 1e6,
                    size / 1e3 / 365);
        const auto r0 = Clock::now();
        const store::UsageRead read = store::read_usage(o.file, date::sys_seconds{});
        const double read_ms = us_since(r0) / 1000;
        const auto c0 = Clock::now();
        const std::string csv = usage_csv(read.rows);
        std::printf("stats on it: read %zu rows %.0f ms, CSV %.1f MB in %.0f ms\n", read.rows.size(), read_ms,
                    csv.size() / 1e6, us_since(c0) / 1000);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
