#include "app/staff_tools.hpp"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "core/atomic_file.hpp"
#include "core/content_loader.hpp"
#include "core/content_store.hpp"
#include "app/options.hpp"
#include "core/membership.hpp"
#include "core/signature.hpp"
#include "core/staff_access.hpp"

namespace qmi::app {

namespace {

constexpr const char* kPublicKeyFile = "content-feed.pub";
constexpr const char* kSecretKeyFile = "content-feed.key";

// One line from stdin; echo is turned off while a terminal types it, so the PIN never shows on screen.
std::string read_secret_line(const char* prompt, bool tty) {
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    for (int c; (c = std::fgetc(stdin)) != EOF && c != '\n' && line.size() < 256;) line += static_cast<char>(c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int run_hash_pin() {
    const bool tty = isatty(STDIN_FILENO) != 0;
    const std::string pin = read_secret_line("Staff PIN (4 to 12 digits): ", tty);
    const bool digits_only = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.size() < 4 || pin.size() > 12 || !digits_only) {
        std::fprintf(stderr, "hash-pin: a staff PIN is 4 to 12 digits (the on-screen pad has only digits)\n");
        return 1;
    }
    if (tty && read_secret_line("Same PIN again: ", tty) != pin) {
        std::fprintf(stderr, "hash-pin: the two PINs differ, nothing printed\n");
        return 1;
    }
    const std::optional<std::string> hash = hash_staff_pin(pin);
    if (!hash) {
        std::fprintf(stderr, "hash-pin: libsodium could not hash the PIN (out of memory?)\n");
        return 1;
    }
    std::printf("%s\n", hash->c_str());
    if (tty) std::fprintf(stderr, "put it in config/kiosk.json: \"staff\": {\"pin_hash\": \"...\"}\n");
    return 0;
}

int run_keygen(const std::filesystem::path& out_dir) {
    const auto keys = generate_signing_keys();
    if (keys.secret_b64.empty()) {
        std::fprintf(stderr, "keygen: libsodium could not be initialised (no entropy source?)\n");
        return 1;
    }
    const auto secret_file = out_dir / kSecretKeyFile;
    const auto public_file = out_dir / kPublicKeyFile;
    // Secret first, never overwritten: replacing a key in use would lock every kiosk out of the feed.
    if (auto error = write_new_file(secret_file, keys.secret_b64 + "\n", 0600); !error.empty()) {
        std::fprintf(stderr, "keygen: %s\n", error.c_str());
        return 1;
    }
    if (auto error = write_file_atomically(public_file, keys.public_b64 + "\n", 0644); !error.empty()) {
        std::fprintf(stderr, "keygen: %s\n", error.c_str());
        return 1;
    }
    std::printf("secret key: %s (mode 0600; keep it off the kiosks, it signs content)\n", secret_file.c_str());
    std::printf("public key: %s\n", public_file.c_str());
    std::printf("%s\n", keys.public_b64.c_str());
    std::printf("put it in config/kiosk.json: \"content_feed\": {\"public_key\": \"%s\"}\n", keys.public_b64.c_str());
    return 0;
}

int run_sign_content(const std::filesystem::path& secret_key_file, const std::filesystem::path& content_file,
                     const std::filesystem::path& root_or_default) {
    const std::filesystem::path root = root_or_default.empty() ? default_root(nullptr) : root_or_default;
    const auto key = read_file_capped(secret_key_file, 4096);
    if (!key.bytes) {
        std::fprintf(stderr, "sign-content: %s\n", key.error.c_str());
        return 1;
    }
    struct stat st {};
    if (::stat(secret_key_file.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
        std::fprintf(stderr, "sign-content: warning: %s is readable by other users (chmod 600 it)\n",
                     secret_key_file.c_str());

    const auto content = read_file_capped(content_file, kMaxContentBytes);
    if (!content.bytes) {
        std::fprintf(stderr, "sign-content: %s\n", content.error.c_str());
        return 1;
    }
    // Every kiosk validates signed content exactly like its bundled file: do the same before anything is signed,
    // so that staff never publish a file all kiosks would refuse.
    const MembershipLoad membership = load_membership(root / "maps" / "membership.json");
    if (!membership.membership) {
        std::fprintf(stderr, "sign-content: cannot validate without the membership: %s\n",
                     one_line(membership.errors).c_str());
        return 1;
    }
    const ContentLoad load = parse_content(*content.bytes, content_file.string(), *membership.membership);
    if (!load.content) {
        std::fprintf(stderr, "sign-content: not signed: %zu problem(s), every kiosk would refuse this file:\n",
                     load.errors.size());
        for (const ConfigError& e : load.errors) std::fprintf(stderr, "  %s\n", e.message().c_str());
        return 1;
    }
    if (!parse_publication_time(load.content->published)) {
        std::fprintf(stderr,
                     "sign-content: not signed: %s: /published must be a date-time with offset such as "
                     "\"2024-02-06T12:00:00+01:00\", later than the content the kiosks show\n",
                     content_file.c_str());
        return 1;
    }

    const auto signature = sign_detached(*content.bytes, *key.bytes);
    if (!signature.ok()) {
        std::fprintf(stderr, "sign-content: %s: %s\n", secret_key_file.c_str(), signature.error.c_str());
        return 1;
    }
    const auto sig_file = signature_file(content_file);
    if (auto error = write_file_atomically(sig_file, signature.signature_b64 + "\n", 0644); !error.empty()) {
        std::fprintf(stderr, "sign-content: %s\n", error.c_str());
        return 1;
    }
    std::printf("signed %s (%zu bytes, version %s, published %s) -> %s\n", content_file.c_str(),
                content.bytes->size(), load.content->version.c_str(), load.content->published.c_str(),
                sig_file.c_str());
    std::printf("publish both files side by side; any later edit of %s needs a new signature\n",
                content_file.filename().c_str());
    return 0;
}

}  // namespace qmi::app
