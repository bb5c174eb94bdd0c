// A tiny python3 http.server on 127.0.0.1 (free port picked by the OS), started by a test and stopped (by its pid)
// when the test ends. Routes are in the script below; `root` is served under /files/.
#pragma once
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

extern char** environ;

namespace qmi::test {

inline const char* kServerScript = R"PY(
import http.server, os, sys, time
root = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        p = self.path
        if p == "/ok":
            if self.headers.get("If-None-Match") == '"v1"':
                return self.send(304, b"", [("ETag", '"v1"')])
            return self.send(200, b"hello", [("ETag", '"v1"'), ("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT")])
        if p == "/missing": return self.send(404, b"no")
        if p == "/big": return self.send(200, b"x" * 5000)
        if p == "/big-chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"3e8\r\n" + b"y" * 1000 + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        if p == "/slow":
            time.sleep(5)
            return self.send(200, b"late")
        if p == "/loop": return self.send(302, b"", [("Location", "/loop")])
        if p == "/hop": return self.send(302, b"", [("Location", "/ok")])
        if p == "/to-file": return self.send(302, b"", [("Location", "file:///etc/hostname")])
        if p.startswith("/files/"):
            f = os.path.join(root, os.path.basename(p.split("?")[0]))
            if os.path.isfile(f):
                with open(f, "rb") as fh: return self.send(200, fh.read())
            return self.send(404, b"no")
        self.send(404, b"no")
class S(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address): pass  # clients aborting on purpose (size cap, cancel)
s = S(("127.0.0.1", 0), H)
s.daemon_threads = True
print(s.server_address[1], flush=True)
s.serve_forever()
)PY";

class LocalServer {
public:
    explicit LocalServer(const std::filesystem::path& root = "/nonexistent") {
        script_ = std::filesystem::temp_directory_path() / ("qmi-test-server-" + std::to_string(::getpid()) + ".py");
        std::ofstream(script_) << kServerScript;
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        const std::string script = script_.string(), dir = root.string();
        char* argv[] = {const_cast<char*>("python3"), const_cast<char*>(script.c_str()),
                        const_cast<char*>(dir.c_str()), nullptr};
        const int rc = posix_spawnp(&pid_, "python3", &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        REQUIRE(rc == 0);
        FILE* out = ::fdopen(fds[0], "r");
        REQUIRE(out);
        REQUIRE(std::fscanf(out, "%d", &port_) == 1);
        std::fclose(out);
    }
    ~LocalServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
        std::error_code ec;
        std::filesystem::remove(script_, ec);
    }
    LocalServer(const LocalServer&) = delete;
    LocalServer& operator=(const LocalServer&) = delete;
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::filesystem::path script_;
};

}  // namespace qmi::test
