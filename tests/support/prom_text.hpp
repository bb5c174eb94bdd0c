// A strict parser of the Prometheus text exposition format 0.0.4 (what node_exporter's textfile collector accepts),
// written from the format's specification, independent of src/core/metrics_text: the tests check the kiosk's output
// against it. Strict where the collector is: one HELP and one TYPE per family, TYPE before the first sample, a
// family's samples together, no duplicate sample, only \\ \" \n escapes in label values (\\ \n in HELP), Go float
// values, names from the grammar, '\n' at the end of every line.
#pragma once
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace qmi::test {

struct PromSample {
    std::map<std::string, std::string> labels;  // unescaped
    double value = 0;
};

struct PromFamily {
    std::string help;  // unescaped
    std::string type;  // "gauge", "counter", ... ("untyped" when no TYPE line)
    std::vector<PromSample> samples;
};

struct PromText {
    std::map<std::string, PromFamily> families;
    std::string error;  // "line 3: ..." when the text is not valid; families is then incomplete
    bool ok() const { return error.empty(); }

    // The value of the sample of `name` with exactly `labels`; NaN when absent.
    double value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
        const auto f = families.find(name);
        if (f == families.end()) return std::nan("");
        for (const PromSample& s : f->second.samples)
            if (s.labels == labels) return s.value;
        return std::nan("");
    }
    bool has(const std::string& name) const { return families.count(name) && !families.at(name).samples.empty(); }
};

namespace prom_detail {

inline bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
inline bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }
inline bool label_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool label_char(char c) { return label_start(c) || (c >= '0' && c <= '9'); }

inline bool metric_name(std::string_view s) {
    if (s.empty() || !name_start(s[0])) return false;
    for (char c : s)
        if (!name_char(c)) return false;
    return true;
}

// Go's strconv.ParseFloat, as Prometheus uses it: decimal or exponent forms, NaN, +Inf/-Inf/Inf (any case).
inline bool go_float(const std::string& s, double& out) {
    if (s.empty()) return false;
    std::string lower;
    for (char c : s) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "nan") return out = std::nan(""), true;
    if (lower == "+inf" || lower == "inf" || lower == "+infinity" || lower == "infinity") return out = INFINITY, true;
    if (lower == "-inf" || lower == "-infinity") return out = -INFINITY, true;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
    char* end = nullptr;
    errno = 0;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && errno != ERANGE;
}

}  // namespace prom_detail

inline PromText parse_prom_text(std::string_view text) {
    using namespace prom_detail;
    PromText out;
    std::set<std::string> help_seen, type_seen, closed;  // closed: families whose group of samples has ended
    std::map<std::string, std::set<std::string>> sample_keys;
    std::string current;  // family of the previous sample line
    size_t line_no = 0;
    auto fail = [&](const std::string& why) {
        out.error = "line " + std::to_string(line_no) + ": " + why;
        return out;
    };
    if (!text.empty() && text.back() != '\n') {
        line_no = 1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
        return fail("the last line does not end with a newline");
    }
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (line.empty()) continue;
        if (line[0] == '#') {
            // "# HELP name text", "# TYPE name type"; any other comment is ignored.
            std::string_view rest = line.substr(1);
            while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) rest.remove_prefix(1);
            const bool help = rest.substr(0, 5) == "HELP " || rest == "HELP";
            const bool type = rest.substr(0, 5) == "TYPE " || rest == "TYPE";
            if (!help && !type) continue;
            rest.remove_prefix(std::min<size_t>(5, rest.size()));
            while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
            const size_t sp = rest.find(' ');
            const std::string name(rest.substr(0, sp));
            if (!metric_name(name)) return fail("invalid metric name '" + name + "' in a HELP/TYPE line");
            std::string_view arg = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
            if (help) {
                if (!help_seen.insert(name).second) return fail("second HELP line for " + name);
                std::string doc;
                for (size_t i = 0; i < arg.size(); ++i) {
                    if (arg[i] != '\\') {
                        doc += arg[i];
                        continue;
                    }
                    if (i + 1 >= arg.size()) return fail("HELP of " + name + " ends with a lone backslash");
                    const char e = arg[++i];
                    if (e == '\\') doc += '\\';
                    else if (e == 'n') doc += '\n';
                    else return fail(std::string("invalid escape \\") + e + " in HELP of " + name);
                }
                out.families[name].help = doc;
            } else {
                if (!type_seen.insert(name).second) return fail("second TYPE line for " + name);
                if (out.families.count(name) && !out.families[name].samples.empty())
                    return fail("TYPE line for " + name + " after its samples");
                const std::string t(arg);
                if (t != "counter" && t != "gauge" && t != "histogram" && t != "summary" && t != "untyped")
                    return fail("unknown type '" + t + "' for " + name);
                out.families[name].type = t;
            }
            continue;
        }
        // Sample: name [{labels}] value [timestamp]
        size_t i = 0;
        while (i < line.size() && name_char(line[i])) ++i;
        const std::string name(line.substr(0, i));
        if (!metric_name(name)) return fail("invalid metric name at the start of a sample");
        PromSample sample;
        std::string key;
        if (i < line.size() && line[i] == '{') {
            ++i;
            for (;;) {
                if (i < line.size() && line[i] == '}') {
                    ++i;
                    break;
                }
                const size_t start = i;
                if (i >= line.size() || !label_start(line[i])) return fail("invalid label name in " + name);
                while (i < line.size() && label_char(line[i])) ++i;
                const std::string label(line.substr(start, i - start));
                if (label.rfind("__", 0) == 0) return fail("reserved label name " + label);
                if (i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"')
                    return fail("expected =\" after label " + label);
                i += 2;
                std::string value;
                bool closed_quote = false;
                while (i < line.size()) {
                    const char c = line[i++];
                    if (c == '"') {
                        closed_quote = true;
                        break;
                    }
                    if (c != '\\') {
                        value += c;
                        continue;
                    }
                    if (i >= line.size()) break;
                    const char e = line[i++];
                    if (e == '\\') value += '\\';
                    else if (e == '"') value += '"';
                    else if (e == 'n') value += '\n';
                    else return fail(std::string("invalid escape \\") + e + " in label " + label);
                }
                if (!closed_quote) return fail("unterminated value of label " + label);
                if (!sample.labels.emplace(label, value).second) return fail("label " + label + " given twice");
                if (i < line.size() && line[i] == ',') {
                    ++i;
                    continue;
                }
                if (i < line.size() && line[i] == '}') {
                    ++i;
                    break;
                }
                return fail("expected , or } after label " + label);
            }
        }
        for (const auto& [k, v] : sample.labels) key += k + "=" + v + "\x1f";
        if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return fail("no value after " + name);
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const size_t vstart = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (!go_float(std::string(line.substr(vstart, i - vstart)), sample.value))
            return fail("value of " + name + " is not a float: '" + std::string(line.substr(vstart, i - vstart)) + "'");
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < line.size()) {
            const std::string ts(line.substr(i));
            char* end = nullptr;
            std::strtoll(ts.c_str(), &end, 10);
            if (end != ts.c_str() + ts.size()) return fail("bad timestamp after " + name);
        }
        // Gauges, counters and untyped samples carry their family's name exactly (no _bucket/_sum/_count here).
        if (name != current) {
            if (closed.count(name)) return fail("samples of " + name + " are not together");
            if (!current.empty()) closed.insert(current);
            current = name;
        }
        if (!sample_keys[name].insert(key).second) return fail("duplicate sample of " + name);
        PromFamily& f = out.families[name];
        if (f.type.empty()) f.type = "untyped";
        f.samples.push_back(std::move(sample));
    }
    return out;
}

}  // namespace qmi::test
