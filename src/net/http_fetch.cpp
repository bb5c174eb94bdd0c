// libcurl easy API, one handle per call: no shared state beyond curl_global_init, so any thread may fetch.
#include "net/http_fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <string_view>

#ifndef QMI_VERSION
#define QMI_VERSION "dev"
#endif

namespace qmi::net {
namespace {

// Response headers larger than this are hostile or broken: a real feed or contour server sends well under 4 KiB.
constexpr size_t kMaxHeaderBytes = 64 * 1024;

struct Transfer {
    std::string* body = nullptr;
    size_t max_bytes = 0;
    bool oversize = false;
    size_t header_bytes = 0;  // of the current response
    bool header_oversize = false;
    std::string etag, last_modified;
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;
};

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// The cap is enforced on the bytes we actually keep (after content decoding), so a small compressed response that
// inflates to gigabytes is cut off too. Returning less than asked makes curl abort with CURLE_WRITE_ERROR.
size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->body->size() + n > t->max_bytes) {
        t->oversize = true;
        return 0;
    }
    t->body->append(data, n);
    return n;
}

// Called once per header line, for every response of a redirect chain: a new status line starts a new response,
// so validators from an intermediate 30x never leak into the final result.
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    if (starts_with_nocase(line, "HTTP/")) {
        t->etag.clear();
        t->last_modified.clear();
        t->header_bytes = 0;
    }
    t->header_bytes += line.size();
    if (t->header_bytes > kMaxHeaderBytes) {
        t->header_oversize = true;
        return 0;  // aborts the transfer
    }
    if (starts_with_nocase(line, "ETag:")) {
        t->etag = std::string(trim(line.substr(5)));
    } else if (starts_with_nocase(line, "Last-Modified:")) {
        t->last_modified = std::string(trim(line.substr(14)));
    }
    return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (t->cancel && t->cancel->load(std::memory_order_relaxed)) {
        t->cancelled = true;
        return 1;  // aborts with CURLE_ABORTED_BY_CALLBACK
    }
    return 0;
}

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// scheme://host:port of an absolute URL, lower-case, with the scheme's default port filled in; "" when unparsable.
std::string origin_of(const std::string& url) {
    CURLU* u = curl_url();
    if (!u) return {};
    std::string origin;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char *scheme = nullptr, *host = nullptr, *port = nullptr;
        if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
            origin = std::string(scheme) + "://" + host + ":" + port;
            for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(u);
    return origin;
}

bool is_redirect(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

FetchResult http_fetch(const FetchRequest& req) {
    FetchResult result;
    result.url = req.url;
    const std::string& url = req.url;
    if (!starts_with_nocase(url, "http://") && !starts_with_nocase(url, "https://") &&
        !starts_with_nocase(url, "file://")) {
        result.error = (url.empty() ? std::string("(empty URL)") : url) +
                       ": unsupported URL (only http://, https:// and file:// are allowed)";
        return result;
    }
    const bool is_file = starts_with_nocase(url, "file://");
    const std::string origin = is_file ? std::string() : origin_of(url);
    if (!is_file && origin.empty()) {
        result.error = url + ": malformed URL";
        return result;
    }

    global_init_once();
    CURL* curl = curl_easy_init();
    if (!curl) {
        result.error = url + ": cannot initialise libcurl";
        return result;
    }

    Transfer t;
    t.body = &result.body;
    t.max_bytes = req.max_bytes;
    t.cancel = req.cancel;
    char errbuf[CURL_ERROR_SIZE] = {0};

    curl_slist* headers = nullptr;
    if (!req.if_none_match.empty())
        headers = curl_slist_append(headers, ("If-None-Match: " + req.if_none_match).c_str());
    if (!req.if_modified_since.empty())
        headers = curl_slist_append(headers, ("If-Modified-Since: " + req.if_modified_since).c_str());

    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM from the resolver: we run on worker threads
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
    // Redirects are followed below, one checked request at a time; libcurl itself follows none.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::max(1L, req.connect_timeout_s));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));  // Content-Length
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!req.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, req.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate/br/zstd as built; cap applies after decoding
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "qmi-kiosk/" QMI_VERSION);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + std::chrono::seconds(std::max(1L, req.total_timeout_s));
    const long max_redirects = std::max(0L, req.max_redirects);
    CURLcode rc = CURLE_OK;
    long status = 0;
    double connect_time = 0;
    std::string refused;  // why a redirect was not followed
    for (long hop = 0;; ++hop) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            rc = CURLE_OPERATION_TIMEDOUT;
            break;
        }
        result.body.clear();
        t.oversize = t.header_oversize = false;
        errbuf[0] = 0;
        curl_easy_setopt(curl, CURLOPT_URL, result.url.c_str());
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(left));
        rc = curl_easy_perform(curl);
        status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME, &connect_time);
        if (rc != CURLE_OK || is_file || !is_redirect(status)) break;

        const char* location = nullptr;
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);  // absolute: curl resolves a relative Location
        if (!location || !*location) {
            refused = "HTTP " + std::to_string(status) + " without a usable Location";
            break;
        }
        if (hop >= max_redirects) {
            refused = "too many redirects (more than " + std::to_string(max_redirects) + ")";
            break;
        }
        const std::string target = location;
        const std::string target_origin = origin_of(target);
        if (target_origin != origin) {
            refused = "redirect to " + target + " refused: it leaves " + origin +
                      " (redirects must keep the scheme, host and port of the configured URL)";
            break;
        }
        result.url = target;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    result.etag = t.etag;
    result.last_modified = t.last_modified;
    const std::string max_text = std::to_string(req.max_bytes);

    if (!refused.empty()) {
        result.status = status;
        result.body.clear();
        result.error = result.url + ": " + refused;
        return result;
    }
    if (rc != CURLE_OK) {
        result.status = is_file ? 0 : status;
        result.body.clear();
        std::string why;
        if (t.oversize || rc == CURLE_FILESIZE_EXCEEDED) {
            why = "response larger than " + max_text + " bytes";
        } else if (t.header_oversize) {
            why = "response headers larger than " + std::to_string(kMaxHeaderBytes) + " bytes";
        } else if (rc == CURLE_OUT_OF_MEMORY && !is_file) {
            // What libcurl reports for one header line over its own 100 KiB limit: not the kiosk's memory.
            why = "response header line too long (libcurl refuses lines over " +
                  std::to_string(CURL_MAX_HTTP_HEADER) + " bytes)";
        } else if (t.cancelled || rc == CURLE_ABORTED_BY_CALLBACK) {
            why = "cancelled";
        } else if (rc == CURLE_OPERATION_TIMEDOUT) {
            // No connection yet means the connect phase ran out; say which limit so the setting can be found.
            if (connect_time <= 0 && status == 0)
                why = "timed out after " + std::to_string(std::min(req.connect_timeout_s, req.total_timeout_s)) +
                      " s (connecting)";
            else
                why = "timed out after " + std::to_string(req.total_timeout_s) + " s";
        } else if (rc == CURLE_COULDNT_CONNECT) {
            why = std::string("connection refused or unreachable") + (errbuf[0] ? std::string(" (") + errbuf + ")" : "");
        } else {
            why = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
        }
        result.error = result.url + ": " + why;
        return result;
    }

    if (is_file) {
        result.status = 200;
        result.ok = true;
        return result;
    }
    result.status = status;
    if (status == 200) {
        result.ok = true;
    } else if (status == 304) {
        result.ok = true;
        result.body.clear();
    } else {
        result.error = result.url + ": HTTP " + std::to_string(status);
        result.body.clear();
    }
    return result;
}

}  // namespace qmi::net
