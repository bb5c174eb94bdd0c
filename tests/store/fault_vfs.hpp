// A SQLite VFS that wraps the default one and lets a test make every write fail as on a full disk (SQLITE_FULL,
// what SQLite's unix VFS returns for ENOSPC) or hang until released (a dying disk): the store's error paths run
// against real SQLite, in every environment, without root.
//     FaultVfs::install();                      // once; then UsageDbOptions::vfs = FaultVfs::kName
//     FaultVfs::set(FaultVfs::Mode::Full);      // writes fail from now on
//     FaultVfs::set(FaultVfs::Mode::Normal);    // and work again (also releases hung writers)
#pragma once
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace qmi::test {

class FaultVfs {
public:
    enum class Mode { Normal, Full, Hang };
    static constexpr const char* kName = "qmi-fault";

    static void install() {
        static const bool done = [] {
            real() = sqlite3_vfs_find(nullptr);
            sqlite3_vfs& v = vfs();
            v = *real();
            v.zName = kName;
            v.szOsFile = static_cast<int>(sizeof(File)) + real()->szOsFile;
            v.xOpen = &open;
            v.pNext = nullptr;
            v.pAppData = nullptr;
            return sqlite3_vfs_register(&v, 0) == SQLITE_OK;
        }();
        (void)done;
    }

    static void set(Mode m) {
        {
            std::lock_guard lock(mutex());
            mode() = m;
        }
        cv().notify_all();
    }
    static int hung_writers() { return hung().load(); }
    static int failed_writes() { return failed().load(); }
    // Waits until a writer hangs in a write (Hang mode). False after `timeout`.
    static bool wait_for_hung_writer(std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (hung().load() == 0) {
            if (std::chrono::steady_clock::now() > end) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }

private:
    struct File {
        sqlite3_file base;
        sqlite3_file* real;
    };

    static sqlite3_vfs*& real() {
        static sqlite3_vfs* r = nullptr;
        return r;
    }
    static sqlite3_vfs& vfs() {
        static sqlite3_vfs v{};
        return v;
    }
    static Mode& mode() {
        static Mode m = Mode::Normal;
        return m;
    }
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static std::condition_variable& cv() {
        static std::condition_variable c;
        return c;
    }
    static std::atomic<int>& hung() {
        static std::atomic<int> n{0};
        return n;
    }
    static std::atomic<int>& failed() {
        static std::atomic<int> n{0};
        return n;
    }

    static sqlite3_file* inner(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

    // Returns SQLITE_OK to go on with the real write, or the code to fail with.
    static int gate() {
        std::unique_lock lock(mutex());
        if (mode() == Mode::Hang) {
            ++hung();
            cv().wait(lock, [] { return mode() != Mode::Hang; });
            --hung();
        }
        if (mode() == Mode::Full) {
            ++failed();
            return SQLITE_FULL;
        }
        return SQLITE_OK;
    }

    static int close(sqlite3_file* f) { return inner(f)->pMethods->xClose(inner(f)); }
    static int read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
        return inner(f)->pMethods->xRead(inner(f), p, n, off);
    }
    static int write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
        if (const int rc = gate(); rc != SQLITE_OK) return rc;
        return inner(f)->pMethods->xWrite(inner(f), p, n, off);
    }
    static int truncate(sqlite3_file* f, sqlite3_int64 size) {
        return inner(f)->pMethods->xTruncate(inner(f), size);
    }
    static int sync(sqlite3_file* f, int flags) { return inner(f)->pMethods->xSync(inner(f), flags); }
    static int file_size(sqlite3_file* f, sqlite3_int64* size) {
        return inner(f)->pMethods->xFileSize(inner(f), size);
    }
    static int lock(sqlite3_file* f, int l) { return inner(f)->pMethods->xLock(inner(f), l); }
    static int unlock(sqlite3_file* f, int l) { return inner(f)->pMethods->xUnlock(inner(f), l); }
    static int check_reserved(sqlite3_file* f, int* out) {
        return inner(f)->pMethods->xCheckReservedLock(inner(f), out);
    }
    static int file_control(sqlite3_file* f, int op, void* arg) {
        return inner(f)->pMethods->xFileControl(inner(f), op, arg);
    }
    static int sector_size(sqlite3_file* f) { return inner(f)->pMethods->xSectorSize(inner(f)); }
    static int device(sqlite3_file* f) { return inner(f)->pMethods->xDeviceCharacteristics(inner(f)); }
    static int shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
        return inner(f)->pMethods->xShmMap(inner(f), pg, sz, extend, pp);
    }
    static int shm_lock(sqlite3_file* f, int offset, int n, int flags) {
        return inner(f)->pMethods->xShmLock(inner(f), offset, n, flags);
    }
    static void shm_barrier(sqlite3_file* f) { inner(f)->pMethods->xShmBarrier(inner(f)); }
    static int shm_unmap(sqlite3_file* f, int del) { return inner(f)->pMethods->xShmUnmap(inner(f), del); }
    static int fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
        return inner(f)->pMethods->xFetch(inner(f), off, n, pp);
    }
    static int unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
        return inner(f)->pMethods->xUnfetch(inner(f), off, p);
    }

    static const sqlite3_io_methods* methods() {
        static const sqlite3_io_methods m = {3,         &close,       &read,           &write,     &truncate,
                                             &sync,     &file_size,   &lock,           &unlock,    &check_reserved,
                                             &file_control, &sector_size, &device,     &shm_map,   &shm_lock,
                                             &shm_barrier,  &shm_unmap,   &fetch,      &unfetch};
        return &m;
    }

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
        File* f = reinterpret_cast<File*>(file);
        f->real = reinterpret_cast<sqlite3_file*>(f + 1);
        const int rc = real()->xOpen(real(), name, f->real, flags, out_flags);
        file->pMethods = f->real->pMethods ? methods() : nullptr;
        return rc;
    }
};

}  // namespace qmi::test
