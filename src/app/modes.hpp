// What qmi-kiosk can do, one function per mode; run() picks one from the command line.
//   screen_mode.cpp   the kiosk on screen (also --replay without --screenshot)
//   capture_mode.cpp  --screenshot (with --replay, --tap, --select, --capture-at, --state-out)
//   bench_mode.cpp    --bench and its bare-window child --bench-floor
//   modes.cpp         the text modes (--check-config, --fetch-maps, --countdown) and the staff subcommands
//   proof_mode.cpp    qmi-kiosk proof (contact sheets and the text audit of a content file) and publish
#pragma once
#include "app/kiosk_clock.hpp"
#include "app/options.hpp"
#include "app/render_setup.hpp"

namespace qmi::app {

// `process` started first thing in main(): start-up figures count from it.
int run(const Options& o, Stopwatch process);

int run_on_screen(const Options& o, const RenderSetup& setup, Stopwatch process);
int run_capture(const Options& o, const RenderSetup& setup);
int run_bench(const Options& o, const RenderSetup& setup);
int run_bench_floor(const Options& o, Stopwatch process);
int run_countdown(const Options& o);
int run_check_config(const Options& o);
int run_fetch_maps(const Options& o);
int run_proof(const Options& o, const RenderSetup& setup);
int run_publish(const Options& o, const RenderSetup& setup);

}  // namespace qmi::app
