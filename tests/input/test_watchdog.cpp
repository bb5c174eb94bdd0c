// Watchdog: talks the sd_notify protocol to a fake systemd (a Unix datagram socket in NOTIFY_SOCKET), and does
// nothing at all outside systemd.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

#include "app/watchdog.hpp"

using namespace qmi;

namespace {
struct FakeSystemd {
    int fd = -1;
    std::string path;
    FakeSystemd() {
        path = (std::filesystem::temp_directory_path() / ("qmi-notify-" + std::to_string(getpid()))).string();
        ::unlink(path.c_str());
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        setenv("NOTIFY_SOCKET", path.c_str(), 1);
        setenv("WATCHDOG_USEC", "2000000", 1);  // 2 s
        setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
    }
    ~FakeSystemd() {
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        close(fd);
        ::unlink(path.c_str());
    }
    std::vector<std::string> received() {
        std::vector<std::string> out;
        char buf[512];
        ssize_t n;
        while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.emplace_back(buf, buf + n);
        return out;
    }
};
}  // namespace

TEST_CASE("under systemd: READY=1 once, WATCHDOG=1 at a quarter of the interval", "[watchdog]") {
    FakeSystemd systemd;
    Watchdog w;
    CHECK(w.under_systemd());
    CHECK(w.interval_s() == Approx(2.0));
    w.frame(0.0);   // keep-alives may start before READY
    w.ready();
    w.ready();
    w.frame(0.1);   // too soon
    w.frame(0.49);  // too soon
    w.frame(0.51);  // due (2 s / 4)
    w.frame(0.6);
    w.status("carte chargée");
    w.stopping();
    const auto got = systemd.received();
    REQUIRE(got.size() == 5);
    CHECK(got[0] == "WATCHDOG=1");
    CHECK(got[1] == "READY=1");
    CHECK(got[2] == "WATCHDOG=1");
    CHECK(got[3] == "STATUS=carte chargée");
    CHECK(got[4] == "STOPPING=1");
    CHECK(w.keepalives_sent() == 2);
}

TEST_CASE("a WATCHDOG_PID for another process means no watchdog for us", "[watchdog]") {
    FakeSystemd systemd;
    setenv("WATCHDOG_PID", "1", 1);
    Watchdog w;
    CHECK(w.interval_s() == 0);
    w.frame(0);
    w.frame(10);
    CHECK(w.keepalives_sent() == 0);
}

TEST_CASE("outside systemd every call is a no-op", "[watchdog]") {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    Watchdog w;
    CHECK_FALSE(w.under_systemd());
    w.ready();
    for (int i = 0; i < 100; ++i) w.frame(i);
    w.stopping();
    CHECK(w.keepalives_sent() == 0);
}
