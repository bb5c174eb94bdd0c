// libcurl easy API, one handle per call: no shared state beyond curl_global_init, so any thread may fetch.
#include "net/http_fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

#ifndef QMI_VERSION
#define QMI_VERSION "dev"
#endif

namespace qmi::net {
namespace {

struct Transfer {
    std::string* body = nullptr;
    size_t max_bytes = 0;
    bool oversize = false;
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
    } else if (starts_with_nocase(line, "ETag:")) {
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

}  // namespace

FetchResult http_fetch(const FetchRequest& req) {
    FetchResult result;
    const std::string& url = req.url;
    if (!starts_with_nocase(url, "http://") && !starts_with_nocase(url, "https://") &&
        !starts_with_nocase(url, "file://")) {
        result.error = (url.empty() ? std::string("(empty URL)") : url) +
                       ": unsupported URL (only http://, https:// and file:// are allowed)";
        return result;
    }
    const bool is_file = starts_with_nocase(url, "file://");

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

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM from the resolver: we run on worker threads
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");  // a server must never redirect us to disk
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, std::max(0L, req.max_redirects));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::max(1L, req.connect_timeout_s));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, std::max(1L, req.total_timeout_s));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));  // Content-Length
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!req.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, req.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate/br as built; cap applies after decoding
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "qmi-kiosk/" QMI_VERSION);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    double connect_time = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME, &connect_time);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    result.etag = t.etag;
    result.last_modified = t.last_modified;
    const std::string max_text = std::to_string(req.max_bytes);

    if (rc != CURLE_OK) {
        result.status = is_file ? 0 : status;
        result.body.clear();
        std::string why;
        if (t.oversize || rc == CURLE_FILESIZE_EXCEEDED) {
            why = "response larger than " + max_text + " bytes";
        } else if (t.cancelled || rc == CURLE_ABORTED_BY_CALLBACK) {
            why = "cancelled";
        } else if (rc == CURLE_OPERATION_TIMEDOUT) {
            // No connection yet means the connect phase ran out; say which limit so the setting can be found.
            if (connect_time <= 0 && status == 0)
                why = "timed out after " + std::to_string(std::min(req.connect_timeout_s, req.total_timeout_s)) +
                      " s (connecting)";
            else
                why = "timed out after " + std::to_string(req.total_timeout_s) + " s";
        } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
            why = "too many redirects (more than " + std::to_string(req.max_redirects) + ")";
        } else if (rc == CURLE_COULDNT_CONNECT) {
            why = std::string("connection refused or unreachable") + (errbuf[0] ? std::string(" (") + errbuf + ")" : "");
        } else {
            why = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
        }
        result.error = url + ": " + why;
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
        result.error = url + ": HTTP " + std::to_string(status);
        result.body.clear();
    }
    return result;
}

}  // namespace qmi::net
