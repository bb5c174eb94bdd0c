#include "app/options.hpp"

#include <cstdio>
#include <system_error>

#include <CLI/CLI.hpp>

namespace qmi::app {

std::filesystem::path default_root(const char* argv0) {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec && argv0) exe = std::filesystem::absolute(argv0, ec);
    if (!exe.empty()) {
        const std::filesystem::path above = exe.parent_path().parent_path();
        if (std::filesystem::exists(above / "maps" / "membership.json", ec)) return above;
    }
    return std::filesystem::current_path(ec);
}

std::optional<int> parse_options(int argc, char** argv, Options& o) {
    CLI::App cli{"QMI Kiosk: the Quartiers Métropolitains d'Innovation of the Métropole du Grand Paris on a "
                 "touch screen. Without a mode option it runs the kiosk full screen."};
    cli.set_version_flag("--version", std::string("qmi-kiosk ") + QMI_VERSION);

    std::string root, lang, size;
    cli.add_option("--root", root,
                   "Repository root holding config/ and maps/ (default: the directory above the executable's build "
                   "directory, else the current directory)");
    cli.add_flag("--windowed", o.windowed, "Run in a window instead of full screen (development)");
    cli.add_flag("--present", o.present,
                 "Start in presenter mode: the guided tour of content.json's `tour` (also from the staff menu); "
                 "with --screenshot / --replay for checks");
    cli.add_option("--lang", lang, "Language of the screen: fr (default) or en; overrides config/kiosk.json")
        ->check(CLI::IsMember({"fr", "en"}));
    cli.add_option("--now", o.now,
                   "Pretend the clock starts at this time, e.g. 2024-05-01T10:00 (Paris) or 2024-05-01T08:00Z; time "
                   "then runs normally");
    cli.add_option("--screenshot", o.screenshot,
                   "Render one complete frame offscreen, write it to this PNG file and exit 0");
    cli.add_option("--size", size, "Frame size WIDTHxHEIGHT for --screenshot, --bench and --windowed "
                                   "(default 1920x1080)");
    cli.add_option("--select", o.select,
                   "Select a commune by INSEE code or name before drawing (with --screenshot), e.g. 91027");
    cli.add_option("--tap", o.taps,
                   "With --screenshot: tap at screen pixel X,Y first (mouse press and release through the same "
                   "input path as a visitor), e.g. --tap 700,560; repeatable");
    cli.add_flag("--bench", o.bench,
                 "Scripted pan and zoom at 1920x1080, then print start-up time, frame times and memory, compared "
                 "with a bare window of the same settings (figures only, no pass/fail)");
    cli.add_option("--bench-seconds", o.bench_seconds, "Length of the --bench pan/zoom script (default 5)");
    cli.add_option("--bench-feed", o.bench_feed,
                   "With --bench: run the script a second time while the content feed downloads URL over and over "
                   "(signed with config/kiosk.json's content_feed.public_key), and print both frame-time figures");
    cli.add_flag("--bench-floor", o.bench_floor, "Internal: the bare-window measurement of --bench")->group("");
    cli.add_flag("--countdown", o.countdown, "Print the call-for-projects banner text and exit");
    cli.add_flag("--check-config", o.check_config,
                 "Validate config/content.json, config/ui-text.json, config/kiosk.json, maps/membership.json and "
                 "the map cache; print every error as 'file: /json/pointer: reason'; exit 1 if any");
    cli.add_flag("--fetch-maps", o.fetch_maps,
                 "Download the commune contours into maps/cache (used by kiosk/setup) and exit");
    cli.add_flag("-v,--verbose", o.verbose, "Debug logging");
    cli.add_option("--msaa", o.msaa, "Multisample antialiasing samples of the window: 0 (default: the map antialiases its own lines), 2, 4, 8; for diagnosis")
        ->check(CLI::IsMember({0u, 2u, 4u, 8u}));

    cli.add_option("--replay", o.replay,
                   "Play an input script (JSON lines: touch, mouse, wheel, key, close events at their times, see "
                   "src/core/input_script.hpp). With --screenshot: offscreen on a virtual clock (1/60 s per frame), "
                   "the whole script then --replay-tail, then the capture; otherwise on screen in real time, quitting "
                   "after the tail. A malformed script is refused (exit 2)");
    cli.add_option("--replay-tail", o.replay_tail_s, "Seconds to keep running after the last replayed event "
                                                      "(default 1)")->check(CLI::Range(0.0, 600.0));
    cli.add_option("--record", o.record, "Record live input as an input script to this file (written on exit)");
    cli.add_option("--state-out", o.state_out,
                   "With --screenshot: write {selected, panel_title, zoom_scale, attract_active, pin_pad_open, "
                   "staff_menu_open, language, ...} as JSON after the capture");
    cli.add_option("--capture-at", o.capture_at,
                   "With --screenshot: also write the frame at virtual time SECONDS of the run to FILE.png and what is on "
                   "screen then to FILE.png.json, e.g. --capture-at 6:/tmp/a.png (several moments of one run through "
                   "the same map layer); repeatable");
    cli.add_option("--idle-timeout", o.idle_timeout_s,
                   "Seconds without input before attract mode (overrides config/kiosk.json idle_timeout_s)")
        ->check(CLI::Range(0.5, 86400.0));

    CLI::App* keygen = cli.add_subcommand(
        "keygen", "Staff: create an Ed25519 key pair for the signed content feed (DIR/content-feed.pub, .key)");
    keygen->add_option("dir", o.keygen_dir, "Directory for the key pair (default: current directory)");
    CLI::App* sign = cli.add_subcommand(
        "sign-content", "Staff: sign a content file for the feed, writing FILE.sig next to it");
    sign->add_option("--key", o.sign_key, "Secret key file written by keygen")->required();
    sign->add_option("file", o.sign_file, "Content file (same format as config/content.json)")->required();

    CLI::App* hash_pin = cli.add_subcommand(
        "hash-pin", "Staff: read a new staff PIN (4-12 digits) and print its hash for config/kiosk.json staff.pin_hash");

    CLI::App* stats = cli.add_subcommand(
        "stats", "Staff: print this kiosk's anonymous usage statistics (var/usage.sqlite, read-only): sessions, "
                 "taps per commune, searches, language switches, attract loop starts, per hour");
    stats->add_option("--since", o.stats_since, "Only from this day, YYYY-MM-DD, midnight Paris time");
    stats->add_flag("--csv", o.stats_csv,
                    "CSV instead of the report: hour,metric,subject,count, one row per Paris hour x metric x subject "
                    "(concatenate many kiosks' exports and sum count to add them up)");
    stats->fallthrough();  // `stats --root DIR` as well as `--root DIR stats`

    CLI::App* proof = cli.add_subcommand(
        "proof", "Staff: draw every district card, attract step and banner state of a content file, in French and "
                 "English, at 1920x1080, 1080x1920 and 1366x768, into contact sheets (PNG) in --out DIR, and report "
                 "every text that is cut, clipped or drawn with a character the fonts lack (DIR/proof.txt). Exit 0: "
                 "every text whole; 1: the content is invalid or a text is not whole; 2: the proof could not run");
    proof->add_option("file", o.proof_file, "Content file (same format as config/content.json)")->required();
    proof->add_option("--out", o.proof_out, "Directory for the contact sheets and proof.txt")->required();
    proof->add_flag("--frames", o.proof_frames,
                    "Also write each frame of the sheets at full size, DIR/frames/<size>-<lang>-<what>.png, to read a "
                    "card as the kiosk shows it");
    proof->fallthrough();  // --root, --now (the cards' instant), --size and --lang (only that size, that language)
    CLI::App* publish = cli.add_subcommand(
        "publish", "Staff: the one command before uploading an update: validate the content file as --check-config "
                   "does, run its proof (refused on any error), then sign it (FILE.sig). Exit 0: signed; 1: refused "
                   "(invalid content or a text not whole), nothing signed; 2: could not check or sign");
    publish->add_option("file", o.proof_file, "Content file (same format as config/content.json)")->required();
    publish->add_option("--key", o.sign_key, "Secret key file written by keygen")->required();
    publish->add_option("--out", o.proof_out, "Directory for the proof sheets (default: FILE.proof next to FILE)");
    publish->fallthrough();

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    if (keygen->parsed()) o.subcommand = "keygen";
    if (sign->parsed()) o.subcommand = "sign-content";
    if (hash_pin->parsed()) o.subcommand = "hash-pin";
    if (stats->parsed()) o.subcommand = "stats";
    if (proof->parsed()) o.subcommand = "proof";
    if (publish->parsed()) o.subcommand = "publish";
    o.root = root.empty() ? default_root(argc > 0 ? argv[0] : nullptr) : std::filesystem::path(root);
    if (!lang.empty()) o.lang = parse_lang(lang);
    if (!size.empty()) {
        unsigned w = 0, h = 0;
        char x = 0;
        if (std::sscanf(size.c_str(), "%u%c%u", &w, &x, &h) != 3 || (x != 'x' && x != 'X') || w < 64 || h < 64 ||
            w > 16384 || h > 16384) {
            std::fprintf(stderr, "--size: expected WIDTHxHEIGHT such as 1920x1080, got '%s'\n", size.c_str());
            return 2;
        }
        o.width = w;
        o.height = h;
    }
    return std::nullopt;
}

}  // namespace qmi::app
