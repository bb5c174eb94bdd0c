// One blocking HTTP(S)/file download with hard limits, shared by the map fetcher and the content feed.
// Everything a hostile or broken server can do (huge body, endless redirects, stalls, wrong status) ends as
// FetchResult{ok = false, error = one clear line}; nothing throws. TLS verification is always on.
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
    long max_redirects = 3;
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
    std::string error;        // one clear line when !ok: "https://x/y: HTTP 404", "...: timed out after 30 s", ...
    bool not_modified() const { return status == 304; }
};

// Blocking and thread-safe (curl_global_init runs once, under std::call_once). Only http, https and file URLs are
// accepted; redirects may only lead to http or https (never to file://).
FetchResult http_fetch(const FetchRequest& req);

}  // namespace qmi::net
