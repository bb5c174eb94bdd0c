// Staff command-line tools for the signed content feed (subcommands of qmi-kiosk, wired by the app's CLI):
//   qmi-kiosk keygen [DIR]                              -> DIR/content-feed.pub (public) + DIR/content-feed.key (0600)
//   qmi-kiosk sign-content --key SECRET programme.json  -> programme.json.sig
//   qmi-kiosk hash-pin                                  -> "$argon2id$..." for config/kiosk.json staff.pin_hash
// Publish programme.json and programme.json.sig side by side at the feed URL; put the public key in
// config/kiosk.json "content_feed": {"public_key": ...}. Output goes to stdout, problems to stderr; exit code 0/1.
#pragma once
#include <filesystem>

namespace qmi::app {

// Writes a fresh key pair into out_dir (created if missing). Refuses to overwrite an existing secret key.
int run_keygen(const std::filesystem::path& out_dir);

// Signs the exact bytes of content_file with the base64 secret key in secret_key_file and writes
// content_file + ".sig" atomically. Refuses, listing every problem, content the kiosks would reject: the same full
// validation as the bundled file and the feed (against <root>/maps/membership.json), and a "published" date-time
// with offset. `root` empty = default_root() (the checkout holding the executable, else the current directory).
int run_sign_content(const std::filesystem::path& secret_key_file, const std::filesystem::path& content_file,
                     const std::filesystem::path& root = {});

// Reads a staff PIN (4 to 12 digits, what the on-screen pad accepts) from the terminal without echo, twice, or
// once from a pipe, and prints its libsodium argon2id hash on stdout. Exit code 1 on a malformed or mismatched PIN.
int run_hash_pin();

}  // namespace qmi::app
