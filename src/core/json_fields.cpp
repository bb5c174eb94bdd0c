#include "core/json_fields.hpp"

#include <fstream>
#include <set>
#include <system_error>
#include <vector>

namespace qmi {

namespace {

bool is_blank(std::string_view s) { return is_visually_blank(s); }

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

// The first pass over a document: nlohmann's SAX interface walks it once without building anything, so repeated
// keys and refused strings are found with their JSON pointer before any DOM exists. Errors are capped so that a
// hostile file cannot fill memory with error messages either.
class FirstPass : public nlohmann::json_sax<Json> {
public:
    static constexpr size_t kMaxErrors = 50;

    FirstPass(const std::string& label, ConfigErrors& errors, const TextChecks* checks)
        : label_(label), errors_(errors), checks_(checks) {}

    bool syntax_failed() const { return syntax_failed_; }
    size_t syntax_offset() const { return syntax_offset_; }
    const std::string& syntax_message() const { return syntax_message_; }
    size_t found() const { return found_; }

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool string(string_t& s) override {
        const std::string at = pointer_of_value();
        value();
        if (checks_ && !in_comment()) check_text(at, s);
        return true;
    }
    bool start_object(std::size_t) override {
        const std::string at = pointer_of_value();
        value();
        frames_.push_back(Frame{true, at});
        return true;
    }
    bool key(string_t& k) override {
        Frame& f = frames_.back();
        f.key = k;
        if (!f.keys.insert(k).second)
            fail(json_pointer(f.path, k), "duplicate key " + in_quotes(k) +
                                              ": a key may appear only once in an object (the reader would keep "
                                              "only the last one)");
        return true;
    }
    bool end_object() override {
        frames_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override {
        const std::string at = pointer_of_value();
        value();
        frames_.push_back(Frame{false, at});
        return true;
    }
    bool end_array() override {
        frames_.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        syntax_failed_ = true;
        syntax_offset_ = position > 0 ? position - 1 : 0;  // nlohmann counts from 1, at the last character read
        syntax_message_ = e.what();
        return false;
    }

private:
    struct Frame {
        bool object = false;
        std::string path;              // JSON pointer of this container
        std::string key;               // object: the key of the value being read
        size_t next_index = 0;         // array: index of the next element
        std::set<std::string> keys{};  // object: keys seen so far
    };

    // JSON pointer of the value about to be read (call before value()).
    std::string pointer_of_value() const {
        if (frames_.empty()) return "";
        const Frame& f = frames_.back();
        return f.object ? json_pointer(f.path, f.key) : json_pointer(f.path, f.next_index);
    }
    bool value() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
        return true;
    }
    // Under a "$comment"-style key at any depth: notes for editors, never shown.
    bool in_comment() const {
        for (const Frame& f : frames_)
            if (f.object && !f.key.empty() && f.key[0] == '$') return true;
        return false;
    }
    void check_text(const std::string& at, const std::string& s) {
        if (checks_->max_string_bytes && s.size() > checks_->max_string_bytes) {
            fail(at, "text too long: " + std::to_string(s.size()) + " bytes, the limit for any text is " +
                         std::to_string(checks_->max_string_bytes));
            return;
        }
        const std::string problem = text_problem(s, *checks_);
        if (!problem.empty()) fail(at, problem);
    }
    void fail(std::string at, std::string reason) {
        ++found_;
        if (errors_.size() < kMaxErrors) errors_.push_back({label_, std::move(at), std::move(reason)});
    }

    const std::string& label_;
    ConfigErrors& errors_;
    const TextChecks* checks_;
    std::vector<Frame> frames_;
    size_t found_ = 0;
    bool syntax_failed_ = false;
    size_t syntax_offset_ = 0;
    std::string syntax_message_;
};

// Drops nlohmann's "[json.exception.parse_error.101] " prefix, keeps its explanation.
std::string without_exception_prefix(std::string what) {
    if (const auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
        what = what.substr(close + 2);
    return what;
}

}  // namespace

std::string text_problem(std::string_view s, const TextChecks& checks) {
    size_t i = 0;
    while (i < s.size()) {
        const size_t start = i;
        const char32_t c = next_code_point(s, i);
        if (checks.reject_invisible) {
            if (c == 0) return "contains a NUL character (U+0000)";
            if (c != '\n' && is_control_char(c))
                return "contains the control character " + code_point_name(c) + " (only a line break is allowed)";
            if (is_invisible_format_char(c))
                return "contains the invisible character " + code_point_name(c) +
                       " (zero-width, bidirectional or formatting mark): remove it";
        }
        if (checks.drawable && c != '\n' && !checks.drawable(c)) {
            std::string shown;
            if (!is_control_char(c) && !is_invisible_format_char(c))
                shown = " \"" + std::string(s.substr(start, i - start)) + "\"";
            return "the character " + code_point_name(c) + shown +
                   " cannot be drawn by the kiosk's fonts (it would show as \"?\")";
        }
    }
    return "";
}

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
                                        int max_depth, const TextChecks* checks) {
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
        // First pass: syntax, repeated keys and refused strings, all with their place, before anything is built.
        FirstPass first(label, errors, checks);
        Json::sax_parse(bytes.begin(), bytes.end(), &first);
        if (first.syntax_failed()) {
            errors.push_back({label, "", "JSON syntax error at byte offset " + std::to_string(first.syntax_offset()) +
                                             ": " + without_exception_prefix(first.syntax_message())});
            return std::nullopt;
        }
        if (first.found() > 0) {
            if (first.found() > FirstPass::kMaxErrors)
                errors.push_back({label, "", std::to_string(first.found() - FirstPass::kMaxErrors) +
                                                 " more problems not listed"});
            return std::nullopt;
        }
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& e) {
        // e.byte counts from 1 and points at the last character read; report a 0-based offset.
        const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        errors.push_back({label, "", "JSON syntax error at byte offset " + std::to_string(offset) + ": " +
                                         without_exception_prefix(e.what())});
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

namespace {

std::string too_long(size_t chars, size_t max_chars) {
    return "text too long: " + std::to_string(chars) + " characters, the limit for this field is " +
           std::to_string(max_chars);
}

}  // namespace

std::optional<std::string> FieldReader::string_value(const Json& value, const std::string& path, bool allow_empty,
                                                     size_t max_chars) {
    if (!value.is_string()) {
        error(path, std::string("expected a string, got ") + json_type_name(value));
        return std::nullopt;
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (!allow_empty && is_blank(s)) {
        error(path, s.empty() ? "empty text (omit the field when the fact is unknown)"
                              : "blank text: only spaces or invisible characters (omit the field when the fact is "
                                "unknown)");
        return std::nullopt;
    }
    if (max_chars && code_point_count(s) > max_chars) {
        error(path, too_long(code_point_count(s), max_chars));
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> FieldReader::string(const Json& obj, const std::string& path, std::string_view key,
                                               Need need, bool allow_empty, size_t max_chars) {
    const Json* v = field(obj, path, key, need);
    if (!v) return std::nullopt;
    return string_value(*v, json_pointer(path, key), allow_empty, max_chars);
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
                                               Need need, TextLimits limits,
                                               std::initializer_list<std::string_view> extra) {
    const Json* v = field(obj, path, key, need);
    if (!v) return std::nullopt;
    return text_value(*v, json_pointer(path, key), limits, extra);
}

std::optional<LocalizedText> FieldReader::text_value(const Json& value, const std::string& here, TextLimits limits,
                                                     std::initializer_list<std::string_view> extra) {
    if (!expect_object(value, here)) return std::nullopt;
    for (const auto& [k, unused] : value.items()) {
        if (!k.empty() && k[0] == '$') continue;
        bool known = k == "fr" || k == "en";
        for (std::string_view e : extra) known = known || k == e;
        if (!known) error(json_pointer(here, k), "unknown field " + in_quotes(k));
    }
    LocalizedText out;
    bool ok = true;
    // One language: a string, within the length limit, on one line when the field is a one-line label.
    auto read = [&](const Json& s, const char* lang, std::string& into) {
        const std::string at = json_pointer(here, lang);
        if (!s.is_string()) {
            error(at, std::string("expected a string, got ") + json_type_name(s));
            return false;
        }
        const std::string& str = s.get_ref<const std::string&>();
        const bool french = std::string_view(lang) == "fr";
        if (is_blank(str) && (french || !str.empty())) {
            error(at, french ? "empty French text"
                             : "blank English text: omit \"en\" to show the French text instead");
            return false;
        }
        if (limits.max_chars && code_point_count(str) > limits.max_chars) {
            error(at, too_long(code_point_count(str), limits.max_chars));
            return false;
        }
        if (!limits.multiline && str.find('\n') != std::string::npos) {
            error(at, "line break in a one-line text");
            return false;
        }
        into = str;
        return true;
    };
    if (const Json* fr = field(value, here, "fr", Need::Required)) ok = read(*fr, "fr", out.fr) && ok;
    else ok = false;
    if (const Json* en = field(value, here, "en", Need::Optional)) ok = read(*en, "en", out.en) && ok;
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
