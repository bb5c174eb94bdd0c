#include "core/input_script.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

namespace qmi {

namespace {

using Json = nlohmann::json;

constexpr double kMaxCoord = 1e6;   // px; anything larger is a typo, not a screen
constexpr double kMaxTime = 1e7;    // s (~115 days)

const char* type_name(const Json& v) {
    switch (v.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::string: return "a string";
        case Json::value_t::array: return "an array";
        case Json::value_t::object: return "an object";
        case Json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

struct LineReader {
    const std::string& label;
    ConfigErrors& errors;
    size_t line;
    bool ok = true;

    void error(const std::string& field, const std::string& reason) {
        std::string path = "line " + std::to_string(line);
        if (!field.empty()) path += " /" + field;
        errors.push_back({label, path, reason});
        ok = false;
    }

    std::optional<double> number(const Json& obj, const char* key, bool required, double lo, double hi) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(key, "missing");
            return std::nullopt;
        }
        if (!it->is_number()) {
            error(key, std::string("expected a number, got ") + type_name(*it));
            return std::nullopt;
        }
        const double v = it->get<double>();
        if (!std::isfinite(v) || v < lo || v > hi) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "must be between %g and %g", lo, hi);
            error(key, buf);
            return std::nullopt;
        }
        return v;
    }

    std::optional<int> integer(const Json& obj, const char* key, bool required, int fallback) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(key, "missing");
            return required ? std::nullopt : std::optional<int>(fallback);
        }
        if (!it->is_number_integer()) {
            error(key, std::string("expected an integer, got ") + type_name(*it));
            return std::nullopt;
        }
        const auto v = it->get<long long>();
        if (v < -1000000000LL || v > 1000000000LL) {
            error(key, "out of range");
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    std::optional<std::string> string(const Json& obj, const char* key, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(key, "missing");
            return std::nullopt;
        }
        if (!it->is_string()) {
            error(key, std::string("expected a string, got ") + type_name(*it));
            return std::nullopt;
        }
        return it->get<std::string>();
    }

    bool boolean(const Json& obj, const char* key) {
        auto it = obj.find(key);
        if (it == obj.end()) return false;
        if (!it->is_boolean()) {
            error(key, std::string("expected a boolean, got ") + type_name(*it));
            return false;
        }
        return it->get<bool>();
    }
};

std::optional<PointerEvent::Kind> pointer_kind(const std::string& s) {
    if (s == "down") return PointerEvent::Down;
    if (s == "move") return PointerEvent::Move;
    if (s == "up") return PointerEvent::Up;
    if (s == "cancel") return PointerEvent::Cancel;
    return std::nullopt;
}

const char* pointer_kind_name(PointerEvent::Kind k) {
    switch (k) {
        case PointerEvent::Down: return "down";
        case PointerEvent::Move: return "move";
        case PointerEvent::Up: return "up";
        case PointerEvent::Cancel: return "cancel";
    }
    return "move";
}

// Parses one non-blank, non-comment line. Returns nullopt (with errors) when the line is malformed.
std::optional<InputEvent> parse_line(std::string_view text, LineReader& r) {
    Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        r.error("", "not valid JSON");
        return std::nullopt;
    }
    if (!j.is_object()) {
        r.error("", std::string("expected an object, got ") + type_name(j));
        return std::nullopt;
    }
    const auto t = r.number(j, "t", true, 0, kMaxTime);
    const auto type = r.string(j, "type", true);
    if (!t || !type) return std::nullopt;

    InputEvent e;
    e.t = *t;
    if (auto kind = pointer_kind(*type); kind || *type == "mouse") {
        e.kind = InputEvent::Pointer;
        e.pointer.t = *t;
        if (kind) {
            e.pointer.source = PointerEvent::Touch;
            e.pointer.kind = *kind;
            const auto id = r.integer(j, "id", true, 0);
            if (id) e.pointer.id = *id;
        } else {
            e.pointer.source = PointerEvent::Mouse;
            const auto action = r.string(j, "action", true);
            if (action) {
                const auto k = pointer_kind(*action);
                if (!k || *k == PointerEvent::Cancel)
                    r.error("action", "expected \"down\", \"move\" or \"up\", got \"" + *action + "\"");
                else
                    e.pointer.kind = *k;
            }
            const auto button = r.integer(j, "button", false, 0);
            if (button) e.pointer.id = *button;
        }
        // A cancel needs no position.
        const bool need_pos = e.pointer.kind != PointerEvent::Cancel || !kind;
        const auto x = r.number(j, "x", need_pos, -kMaxCoord, kMaxCoord);
        const auto y = r.number(j, "y", need_pos, -kMaxCoord, kMaxCoord);
        if (x) e.pointer.pos.x = static_cast<float>(*x);
        if (y) e.pointer.pos.y = static_cast<float>(*y);
    } else if (*type == "wheel") {
        e.kind = InputEvent::Wheel;
        e.wheel.t = *t;
        const auto x = r.number(j, "x", true, -kMaxCoord, kMaxCoord);
        const auto y = r.number(j, "y", true, -kMaxCoord, kMaxCoord);
        const auto d = r.number(j, "delta", true, -1000, 1000);
        if (x) e.wheel.pos.x = static_cast<float>(*x);
        if (y) e.wheel.pos.y = static_cast<float>(*y);
        if (d) e.wheel.delta = static_cast<float>(*d);
    } else if (*type == "key") {
        e.kind = InputEvent::Key;
        const auto key = r.string(j, "key", true);
        if (key && (key->empty() || key->size() > 32)) r.error("key", "expected a key name such as \"Escape\"");
        if (key) e.key.key = *key;
        e.key.ctrl = r.boolean(j, "ctrl");
        e.key.alt = r.boolean(j, "alt");
        e.key.shift = r.boolean(j, "shift");
        e.key.system = r.boolean(j, "system");
    } else if (*type == "close") {
        e.kind = InputEvent::Close;
    } else {
        r.error("type", "unknown event type \"" + type->substr(0, 40) +
                            "\" (expected down, move, up, cancel, mouse, wheel, key or close)");
    }
    if (!r.ok) return std::nullopt;
    return e;
}

}  // namespace

InputScript parse_input_script(std::string_view bytes, const std::string& label) {
    InputScript out;
    if (bytes.size() > kMaxInputScriptBytes) {
        out.errors.push_back({label, "", "larger than 64 MiB"});
        out.complete = false;
        return out;
    }
    // Sequence state: which fingers / mouse buttons are down, and on which line they went down.
    std::map<std::pair<int, int>, size_t> down;
    double last_t = 0;
    size_t line_no = 0;
    size_t pos = 0;
    while (pos < bytes.size()) {
        size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;

        LineReader r{label, out.errors, line_no};
        if (line.size() > kMaxInputScriptLine) {
            r.error("", "line longer than 4096 bytes");
            out.complete = false;
            continue;
        }
        auto e = parse_line(line, r);
        if (!e) {
            out.complete = false;
            continue;
        }

        // Impossible sequences: reported, event kept.
        if (e->t < last_t) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "time goes backwards (%.3f s after %.3f s)", e->t, last_t);
            r.error("t", buf);
        }
        last_t = std::max(last_t, e->t);
        if (e->kind == InputEvent::Pointer) {
            const PointerEvent& p = e->pointer;
            const auto key = std::make_pair(static_cast<int>(p.source), p.id);
            const char* what = p.source == PointerEvent::Mouse ? "mouse button" : "finger";
            const auto it = down.find(key);
            switch (p.kind) {
                case PointerEvent::Down:
                    if (it != down.end())
                        r.error("id", std::string(what) + " " + std::to_string(p.id) + " is already down (line " +
                                          std::to_string(it->second) + ")");
                    down[key] = line_no;
                    break;
                case PointerEvent::Move:
                    if (it == down.end() && p.source == PointerEvent::Touch)
                        r.error("id", "finger " + std::to_string(p.id) + " moves but is not down");
                    break;
                case PointerEvent::Up:
                    if (it == down.end())
                        r.error("id", std::string(what) + " " + std::to_string(p.id) + " goes up but is not down");
                    else
                        down.erase(it);
                    break;
                case PointerEvent::Cancel: down.clear(); break;
            }
        }
        out.events.push_back(*e);
    }
    for (const auto& [key, line] : down) {
        out.errors.push_back({label, "line " + std::to_string(line),
                              std::string(key.first == PointerEvent::Mouse ? "mouse button " : "finger ") +
                                  std::to_string(key.second) + " never goes up"});
    }
    return out;
}

std::string serialise_input_event(const InputEvent& e) {
    // ordered_json keeps "t" and "type" first, as people write them.
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    // Fixed 6 decimals: readable, exact to the microsecond, stable across runs.
    char t[32];
    std::snprintf(t, sizeof t, "%.6f", e.t);
    j["t"] = std::stod(t);
    switch (e.kind) {
        case InputEvent::Pointer:
            if (e.pointer.source == PointerEvent::Mouse) {
                j["type"] = "mouse";
                j["action"] = pointer_kind_name(e.pointer.kind);
                if (e.pointer.id != 0) j["button"] = e.pointer.id;
            } else {
                j["type"] = pointer_kind_name(e.pointer.kind);
                j["id"] = e.pointer.id;
            }
            j["x"] = e.pointer.pos.x;
            j["y"] = e.pointer.pos.y;
            break;
        case InputEvent::Wheel:
            j["type"] = "wheel";
            j["x"] = e.wheel.pos.x;
            j["y"] = e.wheel.pos.y;
            j["delta"] = e.wheel.delta;
            break;
        case InputEvent::Key:
            j["type"] = "key";
            j["key"] = e.key.key;
            if (e.key.ctrl) j["ctrl"] = true;
            if (e.key.alt) j["alt"] = true;
            if (e.key.shift) j["shift"] = true;
            if (e.key.system) j["system"] = true;
            break;
        case InputEvent::Close: j["type"] = "close"; break;
    }
    // NaN coordinates (a broken driver while recording) come out as null: the line is then rejected on replay.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string serialise_input_script(const std::vector<InputEvent>& events) {
    std::string out;
    for (const InputEvent& e : events) {
        out += serialise_input_event(e);
        out += '\n';
    }
    return out;
}

}  // namespace qmi
