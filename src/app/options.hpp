// The qmi-kiosk command line (CLI11). Every option is documented in --help; parse_options() only parses, the modes
// themselves live in run_modes.hpp.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace qmi::app {

struct Options {
    std::filesystem::path root;          // repository root (config/, maps/); resolved by parse_options
    bool windowed = false;
    bool present = false;                // --present: start in presenter mode (the guided tour)
    std::optional<Lang> lang;            // --lang; absent = config/kiosk.json "language" (French by default)
    std::string now;                     // --now ISO; "" = the system clock
    std::string screenshot;              // --screenshot out.png
    unsigned width = 0, height = 0;      // --size WxH; 0 = desktop (full screen) / 1920x1080 (screenshot, bench)
    std::string select;                  // --select CODE|NAME
    std::vector<std::string> taps;       // --tap X,Y (screenshot): simulated taps through the mouse input path
    bool bench = false;
    double bench_seconds = 5.0;
    bool bench_floor = false;            // hidden: the bare-window child process of --bench
    std::string bench_feed;              // --bench-feed URL: repeat the script while the content feed downloads URL
    bool countdown = false;
    bool check_config = false;
    bool fetch_maps = false;
    bool verbose = false;
    unsigned msaa = 0;                   // --msaa: window samples (diagnosis; the map antialiases its own lines)
    std::string replay;                  // --replay FILE: input script (core/input_script.hpp) played at its times
    std::string record;                  // --record FILE: live input written as an input script on exit
    std::string state_out;               // --state-out FILE.json (with --screenshot): what is on screen
    std::vector<std::string> capture_at; // --capture-at SECONDS:FILE.png (with --screenshot): frames during the run
    double idle_timeout_s = 0;           // --idle-timeout: overrides kiosk.json idle_timeout_s; 0 = no override
    double replay_tail_s = 1.0;          // --replay-tail: seconds run after the script's last event

    // Staff subcommands: "keygen", "sign-content", "hash-pin" (src/app/staff_tools.hpp), "stats"
    // (src/app/stats_report.hpp), "proof", "publish" (src/app/proof_mode.cpp); "" = none.
    std::string subcommand;
    std::filesystem::path keygen_dir = ".";
    std::filesystem::path sign_key, sign_file;
    std::string stats_since;  // --since YYYY-MM-DD (Paris); "" = everything recorded
    bool stats_csv = false;   // --csv
    std::filesystem::path proof_file;  // proof / publish: the content file
    std::filesystem::path proof_out;   // --out DIR: the sheets and proof.txt ("" = publish's FILE.proof)
    bool proof_frames = false;         // --frames: the sheets' frames at full size too, in DIR/frames
};

// Returns an exit code to stop with (help, version, parse error), or nullopt to go on with `out` filled.
std::optional<int> parse_options(int argc, char** argv, Options& out);

// Default root: the directory above the executable's build directory when it holds the kiosk's files
// (maps/membership.json), else the current directory.
std::filesystem::path default_root(const char* argv0);

}  // namespace qmi::app
