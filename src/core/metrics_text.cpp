#include "core/metrics_text.hpp"

#include <charconv>
#include <cmath>
#include <set>

namespace qmi {

namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

const char* type_name(MetricType t) {
    switch (t) {
        case MetricType::Gauge: return "gauge";
        case MetricType::Counter: return "counter";
        case MetricType::Untyped: return "untyped";
    }
    return "untyped";
}

// Length of the valid UTF-8 sequence starting at s[i], 0 when it is not one (overlong, surrogate, > U+10FFFF).
size_t utf8_sequence(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return 0;
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
}

constexpr size_t kMaxLabelValueBytes = 256;

}  // namespace

bool is_metric_name(std::string_view s) {
    if (s.empty() || !(is_name_start(s[0]) || s[0] == ':')) return false;
    for (char c : s)
        if (!is_name_char(c) && c != ':') return false;
    return true;
}

bool is_label_name(std::string_view s) {
    if (s.empty() || !is_name_start(s[0]) || s.substr(0, 2) == "__") return false;
    for (char c : s)
        if (!is_name_char(c)) return false;
    return true;
}

std::string escape_help(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8_sequence(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (s[i] == '\\') out += "\\\\";
        else if (s[i] == '\n') out += "\\n";
        else out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string escape_label_value(std::string_view s) {
    std::string out;
    size_t used = 0;  // bytes of the original value kept, for the length cap
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_sequence(s, i);
        std::string_view piece = n ? s.substr(i, n) : std::string_view("\xEF\xBF\xBD");
        if (n == 0) n = 1;
        if (used + piece.size() > kMaxLabelValueBytes) break;
        used += piece.size();
        if (piece == "\\") out += "\\\\";
        else if (piece == "\"") out += "\\\"";
        else if (piece == "\n") out += "\\n";
        else out.append(piece);
        i += n;
    }
    return out;
}

std::string format_metric_value(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string format_metrics(const std::vector<MetricFamily>& families, std::vector<std::string>* problems) {
    auto problem = [&](std::string p) {
        if (problems) problems->push_back(std::move(p));
    };
    std::string out;
    std::set<std::string> seen_families;
    for (const MetricFamily& f : families) {
        if (!is_metric_name(f.name)) {
            problem("invalid metric name \"" + f.name + "\"");
            continue;
        }
        if (!seen_families.insert(f.name).second) {
            problem(f.name + ": family given twice");
            continue;
        }
        std::string body;
        std::set<std::string> seen_labels;
        for (const MetricSample& s : f.samples) {
            std::string labels;
            bool ok = true;
            std::set<std::string> names;
            for (const MetricLabel& l : s.labels) {
                if (!is_label_name(l.name) || !names.insert(l.name).second) {
                    problem(f.name + ": invalid or repeated label name \"" + l.name + "\"");
                    ok = false;
                    break;
                }
                labels += labels.empty() ? "{" : ",";
                labels += l.name + "=\"" + escape_label_value(l.value) + "\"";
            }
            if (!ok) continue;
            if (!labels.empty()) labels += "}";
            if (!seen_labels.insert(labels).second) {
                problem(f.name + labels + ": sample given twice");
                continue;
            }
            body += f.name + labels + " " + format_metric_value(s.value) + "\n";
        }
        if (body.empty()) continue;
        out += "# HELP " + f.name + " " + escape_help(f.help) + "\n";
        out += "# TYPE " + f.name + " " + type_name(f.type) + "\n";
        out += body;
    }
    return out;
}

}  // namespace qmi
