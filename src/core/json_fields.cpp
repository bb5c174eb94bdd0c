#include "core/json_fields.hpp"

#include <fstream>
#include <system_error>

namespace qmi {

namespace {

bool is_blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Deepest nesting of [ and { outside strings, stopping early past `limit`. A byte scan, so it is safe on any
// input; it runs before the real parser so that nothing downstream ever sees a pathological document.
std::optional<size_t> too_deep_at(std::string_view bytes, int limit) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (in_string) {
            if (c == '\\') ++i;  // skip the escaped character, whatever it is
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string json_pointer(const std::string& parent, std::string_view key) {
    std::string out = parent;
    out += '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string json_pointer(const std::string& parent, size_t index) { return parent + "/" + std::to_string(index); }

const char* json_type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "an array";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return "an integer";
        case Json::value_t::number_float: return "a decimal number";
        case Json::value_t::binary: return "binary data";
        case Json::value_t::discarded: return "an invalid value";
    }
    return "an unknown value";
}

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
    // Walk sequence by sequence and let is_valid_utf8 judge each one, so there is a single definition of
    // "valid" (no overlongs, no surrogates) in the code base.
    size_t i = 0;
    const size_t n = bytes.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        size_t len = 0;
        if (c < 0x80) len = 1;
        else if ((c & 0xE0) == 0xC0) len = 2;
        else if ((c & 0xF0) == 0xE0) len = 3;
        else if ((c & 0xF8) == 0xF0) len = 4;
        if (len == 0 || i + len > n) return i;
        if (len > 1 && !is_valid_utf8(bytes.substr(i, len))) return i;
        i += len;
    }
    return std::nullopt;
}

std::optional<std::string> read_config_file(const std::filesystem::path& file, const std::string& label,
                                            size_t max_bytes, ConfigErrors& errors) {
    auto fail = [&](std::string reason) {
        errors.push_back({label, "", std::move(reason)});
        return std::nullopt;
    };
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || status.type() == std::filesystem::file_type::not_found) return fail("file not found");
    if (status.type() != std::filesystem::file_type::regular) return fail("not a regular file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail("cannot read the file size: " + ec.message());
    if (size == 0) return fail("file is empty");
    if (size > max_bytes)
        return fail("file is too large: " + std::to_string(size) + " bytes, the limit is " +
                    std::to_string(max_bytes));
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("cannot open the file");
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<size_t>(in.gcount()));  // the file may have shrunk since file_size
    if (in.bad()) return fail("read error");
    if (bytes.empty()) return fail("file is empty");
    return bytes;
}

std::optional<Json> parse_json_document(std::string_view bytes, const std::string& label, ConfigErrors& errors,
                                        int max_depth) {
    if (bytes.empty()) {
        errors.push_back({label, "", "empty document"});
        return std::nullopt;
    }
    if (const auto bad = first_invalid_utf8(bytes)) {
        errors.push_back({label, "", "invalid UTF-8 at byte offset " + std::to_string(*bad)});
        return std::nullopt;
    }
    if (const auto deep = too_deep_at(bytes, max_depth)) {
        errors.push_back({label, "", "JSON nested deeper than " + std::to_string(max_depth) +
                                         " levels at byte offset " + std::to_string(*deep)});
        return std::nullopt;
    }
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& e) {
        // e.byte counts from 1 and points at the last character read; report a 0-based offset.
        const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix, keep its explanation.
        if (const auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
            what = what.substr(close + 2);
        errors.push_back({label, "", "JSON syntax error at byte offset " + std::to_string(offset) + ": " + what});
    } catch (const std::exception& e) {
        errors.push_back({label, "", std::string("cannot parse JSON: ") + e.what()});
    }
    return std::nullopt;
}

void FieldReader::error(std::string path, std::string reason) {
    errors_.push_back({file_, std::move(path), std::move(reason)});
}

bool FieldReader::expect_object(const Json& value, const std::string& path) {
    if (value.is_object()) return true;
    error(path, std::string("expected an object, got ") + json_type_name(value));
    return false;
}

bool FieldReader::expect_array(const Json& value, const std::string& path) {
    if (value.is_array()) return true;
    error(path, std::string("expected an array, got ") + json_type_name(value));
    return false;
}

const Json* FieldReader::field(const Json& obj, const std::string& path, std::string_view key, Need need) {
    if (!obj.is_object()) return nullptr;  // the caller reported the container already
    const auto it = obj.find(key);
    if (it == obj.end()) {
        if (need == Need::Required) error(json_pointer(path, key), "missing required field " + in_quotes(key));
        return nullptr;
    }
    return &*it;
}

const Json* FieldReader::object(const Json& obj, const std::string& path, std::string_view key, Need need) {
    const Json* v = field(obj, path, key, need);
    if (!v || !expect_object(*v, json_pointer(path, key))) return nullptr;
    return v;
}

const Json* FieldReader::array(const Json& obj, const std::string& path, std::string_view key, Need need) {
    const Json* v = field(obj, path, key, need);
    if (!v || !expect_array(*v, json_pointer(path, key))) return nullptr;
    return v;
}

std::optional<std::string> FieldReader::string_value(const Json& value, const std::string& path, bool allow_empty) {
    if (!value.is_string()) {
        error(path, std::string("expected a string, got ") + json_type_name(value));
        return std::nullopt;
    }
    std::string s = value.get<std::string>();
    if (!allow_empty && is_blank(s)) {
        error(path, "empty text (omit the field when the fact is unknown)");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> FieldReader::string(const Json& obj, const std::string& path, std::string_view key,
                                               Need need, bool allow_empty) {
    const Json* v = field(obj, path, key, need);
    if (!v) return std::nullopt;
    return string_value(*v, json_pointer(path, key), allow_empty);
}

std::optional<int> FieldReader::integer(const Json& obj, const std::string& path, std::string_view key, Need need,
                                        int min, int max) {
    const Json* v = field(obj, path, key, need);
    if (!v) return std::nullopt;
    const std::string here = json_pointer(path, key);
    if (!v->is_number_integer()) {
        error(here, std::string("expected an integer, got ") + json_type_name(*v));
        return std::nullopt;
    }
    // Compare as the widest types nlohmann holds so that huge values cannot wrap into range.
    const bool in_range = v->is_number_unsigned()
                              ? (min <= 0 || v->get<std::uint64_t>() >= static_cast<std::uint64_t>(min)) &&
                                    (max >= 0 && v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max))
                              : v->get<std::int64_t>() >= min && v->get<std::int64_t>() <= max;
    if (!in_range) {
        error(here, "out of range: expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                        ", got " + v->dump());
        return std::nullopt;
    }
    return static_cast<int>(v->get<std::int64_t>());
}

std::optional<LocalizedText> FieldReader::text(const Json& obj, const std::string& path, std::string_view key,
                                               Need need) {
    const Json* v = object(obj, path, key, need);
    if (!v) return std::nullopt;
    const std::string here = json_pointer(path, key);
    reject_unknown(*v, here, {"fr", "en"});
    LocalizedText out;
    bool ok = true;
    if (const Json* fr = field(*v, here, "fr", Need::Required)) {
        if (!fr->is_string()) {
            error(json_pointer(here, "fr"), std::string("expected a string, got ") + json_type_name(*fr));
            ok = false;
        } else if (is_blank(fr->get_ref<const std::string&>())) {
            error(json_pointer(here, "fr"), "empty French text");
            ok = false;
        } else {
            out.fr = fr->get<std::string>();
        }
    } else {
        ok = false;
    }
    if (const Json* en = field(*v, here, "en", Need::Optional)) {
        if (!en->is_string()) {
            error(json_pointer(here, "en"), std::string("expected a string, got ") + json_type_name(*en));
            ok = false;
        } else {
            out.en = en->get<std::string>();
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

void FieldReader::reject_unknown(const Json& obj, const std::string& path,
                                 std::initializer_list<std::string_view> known) {
    if (!obj.is_object()) return;
    for (const auto& [key, value] : obj.items()) {
        if (!key.empty() && key[0] == '$') continue;
        bool found = false;
        for (std::string_view k : known)
            if (k == key) found = true;
        if (!found) error(json_pointer(path, key), "unknown field " + in_quotes(key));
    }
}

}  // namespace qmi
