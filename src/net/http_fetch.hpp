// One blocking HTTP(S)/file download with hard limits, shared by the map fetcher and the content feed.
// Everything a hostile or broken server can do (huge body or headers, endless or cross-site redirects, stalls, wrong
// status) ends as FetchResult{ok = false, error = one clear line naming the URL}; nothing throws. TLS verification
// is always on.
// Redirects are followed by hand, each one checked before any byte is sent to its target: it must stay on the
// origin of the first request (same scheme, host and port). So an https feed is never read in clear, and a
// server cannot make the kiosk send a request to another machine (an internal address, another port).
#pragma once
#include <atomic>
#include <cstddef>
#include <string>

namespace qmi::net {

struct FetchRequest {
    std::string url;                       // https://, http:// or file://
    long connect_timeout_s = 5;
    long total_timeout_s = 30;
    size_t max_bytes = 2 * 1024 * 1024;    // larger bodies abort the transfer: error "response larger than N bytes"
    long max_redirects = 3;                // each one on the origin of `url` (scheme, host, port)
    std::string ca_file;                   // extra CA bundle; TLS verification is ALWAYS on (system store otherwise)
    std::string if_none_match;             // ETag from the previous 200
    std::string if_modified_since;         // Last-Modified from the previous 200
    const std::atomic<bool>* cancel = nullptr;  // set to true to abort promptly (shutdown)
};

struct FetchResult {
    bool ok = false;          // transfer completed and status is 200 or 304 (file:// -> 200)
    long status = 0;          // HTTP status, 0 when no response
    std::string body;         // empty on 304
    std::string etag, last_modified;
    std::string url;          // where the body (or the error) came from: the request's URL or the redirect it took
    std::string error;        // one clear line when !ok, naming `url`: "https://x/y: HTTP 404", "...: timed out ..."
    bool not_modified() const { return status == 304; }
};

// Blocking and thread-safe (curl_global_init runs once, under std::call_once). Only http, https and file URLs are
// accepted; a redirect is refused unless it keeps the scheme, host and port of `req.url` (never file://).
// total_timeout_s bounds the whole chain of redirects, not each request.
FetchResult http_fetch(const FetchRequest& req);

}  // namespace qmi::net
