#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "local_server.hpp"
#include "net/http_fetch.hpp"

using namespace qmi::net;
using qmi::test::LocalServer;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A port on which nobody listens: bind, read the port, close.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}
}  // namespace

TEST_CASE("http_fetch: 200 with validators, then 304 with If-None-Match") {
    LocalServer server;
    FetchResult r = http_fetch({.url = server.url("/ok")});
    CHECK(r.ok);
    CHECK(r.status == 200);
    CHECK(r.body == "hello");
    CHECK(r.etag == "\"v1\"");
    CHECK(r.last_modified == "Wed, 21 Oct 2026 07:28:00 GMT");
    CHECK(r.error.empty());

    FetchResult again = http_fetch({.url = server.url("/ok"), .if_none_match = r.etag});
    CHECK(again.ok);
    CHECK(again.not_modified());
    CHECK(again.body.empty());

    FetchResult hop = http_fetch({.url = server.url("/hop")});
    CHECK(hop.ok);
    CHECK(hop.body == "hello");
}

TEST_CASE("http_fetch: 404, oversize, redirect loop, redirect to file:// are clear failures") {
    LocalServer server;
    FetchResult r = http_fetch({.url = server.url("/missing")});
    CHECK_FALSE(r.ok);
    CHECK(r.status == 404);
    CHECK(r.body.empty());
    CHECK(r.error == server.url("/missing") + ": HTTP 404");

    // Declared too big (Content-Length) and streamed too big (chunked, no length): both cut at the cap.
    for (const char* path : {"/big", "/big-chunked"}) {
        FetchResult big = http_fetch({.url = server.url(path), .max_bytes = 1000});
        INFO(path << ": " << big.error);
        CHECK_FALSE(big.ok);
        CHECK(big.body.empty());
        CHECK(contains(big.error, "response larger than 1000 bytes"));
    }
    FetchResult fits = http_fetch({.url = server.url("/big"), .max_bytes = 5000});
    CHECK(fits.ok);
    CHECK(fits.body.size() == 5000);

    FetchResult loop = http_fetch({.url = server.url("/loop"), .max_redirects = 3});
    CHECK_FALSE(loop.ok);
    CHECK(contains(loop.error, "too many redirects"));

    FetchResult to_file = http_fetch({.url = server.url("/to-file")});
    CHECK_FALSE(to_file.ok);
    CHECK(to_file.body.empty());
}

TEST_CASE("http_fetch: timeout, connection refused, cancel") {
    LocalServer server;
    const auto t0 = std::chrono::steady_clock::now();
    FetchResult slow = http_fetch({.url = server.url("/slow"), .connect_timeout_s = 1, .total_timeout_s = 1});
    CHECK_FALSE(slow.ok);
    CHECK(contains(slow.error, "timed out after 1 s"));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(4));  // not a timing assert: 5 s = no timeout

    const std::string refused_url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/x";
    FetchResult refused = http_fetch({.url = refused_url});
    CHECK_FALSE(refused.ok);
    CHECK(refused.status == 0);
    CHECK(contains(refused.error, refused_url + ": connection refused"));

    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    FetchResult cancelled = http_fetch({.url = server.url("/slow"), .total_timeout_s = 30, .cancel = &cancel});
    stopper.join();
    CHECK_FALSE(cancelled.ok);
    CHECK(contains(cancelled.error, "cancelled"));
}

TEST_CASE("http_fetch: file:// and refused schemes") {
    const auto path = std::filesystem::temp_directory_path() / ("qmi-fetch-" + std::to_string(::getpid()) + ".txt");
    std::ofstream(path) << "local bytes";
    FetchResult f = http_fetch({.url = "file://" + path.string()});
    CHECK(f.ok);
    CHECK(f.status == 200);
    CHECK(f.body == "local bytes");
    FetchResult small = http_fetch({.url = "file://" + path.string(), .max_bytes = 4});
    CHECK_FALSE(small.ok);
    CHECK(contains(small.error, "response larger than 4 bytes"));
    std::filesystem::remove(path);
    FetchResult gone = http_fetch({.url = "file://" + path.string()});
    CHECK_FALSE(gone.ok);
    CHECK(contains(gone.error, path.string()));

    for (const char* url : {"ftp://127.0.0.1/x", "gopher://x", "", "/etc/hostname", "dict://127.0.0.1"}) {
        FetchResult r = http_fetch({.url = url});
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "unsupported URL"));
    }
}
