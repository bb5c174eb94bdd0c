// http_fetch against the tests' local server: the limits hold whatever the server does, redirects stay on the
// origin of the request, every failure is one line naming the URL the bytes (or the error) came from.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "../support/local_server.hpp"
#include "../support/scratch_dir.hpp"
#include "net/http_fetch.hpp"
#include "../support/test_time.hpp"

using namespace qmi::net;
using qmi::test::LocalServer;
using qmi::test::ScratchDir;

using qmi::testdata::contains;

namespace {

// The local server and its files: hello.txt ("hello"), big.bin (5000 bytes), big50k.bin (50,000 bytes).
struct Www {
    ScratchDir dir{"http-fetch"};
    LocalServer server{{[this] {
        std::ofstream(dir / "hello.txt") << "hello";
        std::ofstream(dir / "big.bin") << std::string(5000, 'x');
        std::ofstream(dir / "big50k.bin") << std::string(50000, 'y');
        return dir.path();
    }()}};
    std::string url(const std::string& path) const { return server.url(path); }
    int port() const { return server.port(); }
};

}  // namespace

TEST_CASE("http_fetch: 200 with validators, then 304 with If-None-Match, and a redirect on the same origin") {
    Www server;
    FetchResult r = http_fetch({.url = server.url("/files/hello.txt")});
    CHECK(r.ok);
    CHECK(r.status == 200);
    CHECK(r.body == "hello");
    CHECK_FALSE(r.etag.empty());
    CHECK_FALSE(r.last_modified.empty());
    CHECK(r.error.empty());
    CHECK(r.url == server.url("/files/hello.txt"));

    FetchResult again = http_fetch({.url = server.url("/files/hello.txt"), .if_none_match = r.etag});
    CHECK(again.ok);
    CHECK(again.not_modified());
    CHECK(again.body.empty());

    FetchResult hop = http_fetch({.url = server.url("/redirect?to=/files/hello.txt")});
    CHECK(hop.ok);
    CHECK(hop.body == "hello");
    CHECK(hop.url == server.url("/files/hello.txt"));  // where the bytes came from
}

TEST_CASE("http_fetch: 404, oversize, redirect loop, redirect to file:// are clear failures") {
    Www server;
    FetchResult r = http_fetch({.url = server.url("/files/missing")});
    CHECK_FALSE(r.ok);
    CHECK(r.status == 404);
    CHECK(r.body.empty());
    CHECK(r.error == server.url("/files/missing") + ": HTTP 404");

    // Declared too big (Content-Length) and streamed too big (chunked, no length): both cut at the cap.
    for (const char* path : {"/files/big.bin", "/chunked/big50k.bin"}) {
        FetchResult big = http_fetch({.url = server.url(path), .max_bytes = 1000});
        INFO(path << ": " << big.error);
        CHECK_FALSE(big.ok);
        CHECK(big.body.empty());
        CHECK(contains(big.error, "response larger than 1000 bytes"));
    }
    FetchResult fits = http_fetch({.url = server.url("/files/big.bin"), .max_bytes = 5000});
    CHECK(fits.ok);
    CHECK(fits.body.size() == 5000);

    FetchResult loop = http_fetch({.url = server.url("/redirect-loop/x"), .max_redirects = 3});
    CHECK_FALSE(loop.ok);
    CHECK(contains(loop.error, "too many redirects"));

    FetchResult to_file = http_fetch({.url = server.url("/redirect?to=file:///etc/hostname")});
    CHECK_FALSE(to_file.ok);
    CHECK(to_file.body.empty());
    CHECK(contains(to_file.error, "redirect to file:///etc/hostname refused"));
}

TEST_CASE("http_fetch: a redirect to another port, host or scheme is refused before any request is sent there") {
    Www server;
    LocalServer other({server.dir.path()});
    const std::string elsewhere = other.url("/files/hello.txt");
    FetchResult r = http_fetch({.url = server.url("/redirect?to=" + elsewhere)});
    CHECK_FALSE(r.ok);
    CHECK(r.body.empty());
    CHECK(r.error == server.url("/redirect?to=" + elsewhere) + ": redirect to " + elsewhere +
                         " refused: it leaves http://127.0.0.1:" + std::to_string(server.port()) +
                         " (redirects must keep the scheme, host and port of the configured URL)");
    // The other server never saw a request: the kiosk cannot be used to reach an internal address.
    const FetchResult seen = http_fetch({.url = other.url("/requests")});
    CHECK(seen.body.find("hello.txt") == std::string::npos);
    CHECK(seen.body.find("/requests") != std::string::npos);

    FetchResult host = http_fetch({.url = server.url("/redirect?to=http://localhost:" +
                                                     std::to_string(server.port()) + "/files/hello.txt")});
    CHECK_FALSE(host.ok);
    CHECK(contains(host.error, "refused"));
}

TEST_CASE("http_fetch: huge response headers are one clear line, not 'Out of memory'") {
    Www server;
    for (const char* path : {"/header-bomb/10000000", "/header-bomb/70000"}) {
        INFO(path);
        FetchResult r = http_fetch({.url = server.url(path)});
        CHECK_FALSE(r.ok);
        INFO(r.error);
        CHECK(contains(r.error, server.url(path) + ": response header"));
        CHECK_FALSE(contains(r.error, "Out of memory"));
    }
    CHECK(http_fetch({.url = server.url("/header-bomb/2000")}).ok);
}

TEST_CASE("http_fetch: timeout, connection refused, cancel") {
    Www server;
    const auto t0 = std::chrono::steady_clock::now();
    FetchResult slow =
        http_fetch({.url = server.url("/slow/hello.txt"), .connect_timeout_s = 1, .total_timeout_s = 1});
    CHECK_FALSE(slow.ok);
    CHECK(contains(slow.error, "timed out after 1 s"));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));  // not a timing assert: 20 s = no timeout

    const std::string refused_url = "http://127.0.0.1:" + std::to_string(qmi::test::closed_local_port()) + "/x";
    FetchResult refused = http_fetch({.url = refused_url});
    CHECK_FALSE(refused.ok);
    CHECK(refused.status == 0);
    CHECK(contains(refused.error, refused_url + ": connection refused"));

    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    FetchResult cancelled = http_fetch({.url = server.url("/slow/hello.txt"), .total_timeout_s = 30, .cancel = &cancel});
    stopper.join();
    CHECK_FALSE(cancelled.ok);
    CHECK(contains(cancelled.error, "cancelled"));
}

TEST_CASE("http_fetch: file:// and refused schemes") {
    ScratchDir dir("fetch-file");
    const auto path = dir / "local.txt";
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
