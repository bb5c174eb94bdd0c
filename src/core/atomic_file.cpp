#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace qmi {

namespace {

std::string errno_line(const std::filesystem::path& file, const char* what) {
    return file.string() + ": " + what + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

// The rename is durable only once the directory entry itself reaches the disk.
void fsync_directory(const std::filesystem::path& dir) {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: the data itself is already safe
    ::fsync(fd);
    ::close(fd);
}

// Writes `bytes` to a fresh temporary file next to `file`; returns its path or "" with `error` set.
std::filesystem::path write_temporary(const std::filesystem::path& file, std::string_view bytes, unsigned mode,
                                      std::string& error) {
    const auto dir = file.parent_path();
    if (!dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            error = dir.string() + ": cannot create the directory: " + ec.message();
            return {};
        }
    }
    std::string tmpl = temporary_prefix(file) + "XXXXXX";
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) {
        error = errno_line(file, "cannot create a temporary file");
        return {};
    }
    const std::filesystem::path tmp = tmpl;
    // mkostemp creates 0600; widen (or keep) before any byte is written.
    bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
    if (!ok) error = errno_line(tmp, "cannot set permissions");
    if (ok && !write_all(fd, bytes)) {
        ok = false;
        error = errno_line(tmp, "write failed");
    }
    if (ok && ::fsync(fd) != 0) {
        ok = false;
        error = errno_line(tmp, "fsync failed");
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = errno_line(tmp, "close failed");
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        return {};
    }
    return tmp;
}

}  // namespace

std::string write_file_atomically(const std::filesystem::path& file, std::string_view bytes, unsigned mode) {
    std::string error;
    const auto tmp = write_temporary(file, bytes, mode, error);
    if (tmp.empty()) return error;
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        error = errno_line(file, "cannot replace the file");
        ::unlink(tmp.c_str());
        return error;
    }
    fsync_directory(file.parent_path());
    return {};
}

std::string write_new_file(const std::filesystem::path& file, std::string_view bytes, unsigned mode) {
    std::string error;
    const auto tmp = write_temporary(file, bytes, mode, error);
    if (tmp.empty()) return error;
    // link() fails with EEXIST instead of replacing, which rename() would do silently.
    if (::link(tmp.c_str(), file.c_str()) != 0) {
        error = errno == EEXIST ? file.string() + ": already exists, not overwritten"
                                : errno_line(file, "cannot create the file");
        ::unlink(tmp.c_str());
        return error;
    }
    ::unlink(tmp.c_str());
    fsync_directory(file.parent_path());
    return {};
}

std::string temporary_prefix(const std::filesystem::path& file) {
    return file.string() + ".tmp-" + std::to_string(::getpid()) + "-";
}

size_t remove_stale_temporaries(const std::filesystem::path& dir) {
    size_t removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const size_t at = name.rfind(".tmp-");
        if (at == std::string::npos) continue;
        const std::string_view rest = std::string_view(name).substr(at + 5);
        bool stale = false;
        const size_t dash = rest.find('-');
        if (dash == std::string_view::npos) {
            stale = rest.size() == 6;  // "<file>.tmp-XXXXXX": written by a version without the pid
        } else {
            long pid = 0;
            bool digits = dash > 0 && dash < 10;
            for (size_t i = 0; digits && i < dash; ++i) {
                digits = rest[i] >= '0' && rest[i] <= '9';
                pid = pid * 10 + (rest[i] - '0');
            }
            // kill(pid, 0) fails with ESRCH only when no such process exists: a live writer keeps its file.
            stale = digits && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
        }
        std::error_code type_ec;
        if (stale && it->is_regular_file(type_ec) && std::filesystem::remove(it->path(), type_ec)) ++removed;
    }
    return removed;
}

FileRead read_file_capped(const std::filesystem::path& file, size_t max_bytes) {
    FileRead result;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer that may never come. It makes no
    // difference to a regular file, the only kind read below.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        result.missing = errno == ENOENT;
        result.error = result.missing ? file.string() + ": file not found" : errno_line(file, "cannot open");
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        result.error = file.string() + ": not a regular file";
        ::close(fd);
        return result;
    }
    if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
        result.error = file.string() + ": larger than " + std::to_string(max_bytes) + " bytes";
        ::close(fd);
        return result;
    }
    // Read up to one byte past the cap: a file that grew after fstat is still refused, never read unbounded.
    std::string bytes(max_bytes + 1 > static_cast<size_t>(st.st_size) + 1 ? static_cast<size_t>(st.st_size) + 1
                                                                        : max_bytes + 1,
                      '\0');
    size_t used = 0;
    for (;;) {
        if (used == bytes.size()) {
            if (bytes.size() > max_bytes) break;
            bytes.resize(std::min(bytes.size() * 2, max_bytes + 1));
        }
        const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
        if (n < 0) {
            if (errno == EINTR) continue;
            result.error = errno_line(file, "read failed");
            ::close(fd);
            return result;
        }
        if (n == 0) break;
        used += static_cast<size_t>(n);
    }
    ::close(fd);
    if (used > max_bytes) {
        result.error = file.string() + ": larger than " + std::to_string(max_bytes) + " bytes";
        return result;
    }
    bytes.resize(used);
    result.bytes = std::move(bytes);
    return result;
}

}  // namespace qmi
