// The one local test server: tests/net/servers/feed_server.py on 127.0.0.1 (HTTP, or HTTPS with a test CA), started
// for one test and stopped at scope exit. Its routes play every server behaviour the tests need, good and hostile
// (see the script's docstring). Header-only: shared by the adapter tests and the feed soak benchmark; no Catch2.
// Every wait is bounded.
#pragma once
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "scratch_dir.hpp"

extern char** environ;

namespace qmi::test {

struct ServerOptions {
    std::filesystem::path root;      // served under /files/
    std::string cert, key;           // HTTPS when set
    double slow_seconds = 20.0;     // /slow/ waits this long before answering
    size_t huge_bytes = 3u << 20;
    int lifetime_s = 900;            // the server exits by itself after this, whatever happens to the test
};

class LocalServer {
public:
    explicit LocalServer(const ServerOptions& options) : work_("server") {
        const std::string script = std::string(QMI_SOURCE_ROOT) + "/tests/net/servers/feed_server.py";
        const auto port_file = work_ / "port";
        std::vector<std::string> args = {"python3",        script,
                                         "--root",         options.root.string(),
                                         "--port-file",    port_file.string(),
                                         "--slow-seconds", std::to_string(options.slow_seconds),
                                         "--huge-bytes",   std::to_string(options.huge_bytes),
                                         "--lifetime",     std::to_string(options.lifetime_s)};
        if (!options.cert.empty()) {
            args.insert(args.end(), {"--cert", options.cert, "--key", options.key});
            scheme_ = "https";
        }
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        // Debian's interpreter when present (what CI has); else whatever python3 is on PATH.
        const char* python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        if (posix_spawnp(&pid_, python, nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start python3 " + script);
        // Up to 15 s for the interpreter to start and bind.
        for (int i = 0; i < 300 && port_ == 0; ++i) {
            std::ifstream in(port_file);
            if (in >> port_) break;
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("the test feed server exited at start");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (port_ == 0) {
            stop();
            throw std::runtime_error("the test feed server did not start within 15 s");
        }
    }
    ~LocalServer() { stop(); }
    LocalServer(const LocalServer&) = delete;
    LocalServer& operator=(const LocalServer&) = delete;

    int port() const { return port_; }
    // url("/files/content.json") -> "http://127.0.0.1:PORT/files/content.json"
    std::string url(const std::string& path) const {
        return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
    }

    void stop() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        // Bounded: 5 s for a clean exit, then SIGKILL.
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    ScratchDir work_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::string scheme_ = "http";
};

// A loopback port with nothing listening: bound by the kernel, then released.
inline int closed_local_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// A certificate authority and a server certificate for 127.0.0.1, made with the openssl CLI in `dir`.
struct TestPki {
    std::string ca_cert, server_cert, server_key, other_ca_cert;
};

inline TestPki make_test_pki(const std::filesystem::path& dir) {
    const std::string d = dir.string();
    const std::string quiet = " >/dev/null 2>&1";
    auto run = [&](const std::string& cmd) {
        if (std::system((cmd + quiet).c_str()) != 0) throw std::runtime_error("openssl failed: " + cmd);
    };
    {
        std::ofstream ext(dir / "server.ext");
        ext << "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
               "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n";
    }
    for (const std::string ca : {"ca", "other-ca"})
        run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj '/CN=QMI test " +
            ca + "' -keyout " + d + "/" + ca + ".key -out " + d + "/" + ca + ".pem");
    run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=127.0.0.1' -keyout " + d +
        "/server.key -out " + d + "/server.csr");
    run("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d + "/ca.key -CAcreateserial -days 2 -extfile " +
        d + "/server.ext -out " + d + "/server.pem");
    return {d + "/ca.pem", d + "/server.pem", d + "/server.key", d + "/other-ca.pem"};
}

}  // namespace qmi::test
