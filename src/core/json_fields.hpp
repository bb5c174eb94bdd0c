// Typed readers for JSON config files that report problems as ConfigError{file, JSON pointer, reason} instead of
// throwing. Every loader (content, membership, ui-text, kiosk settings, the signed feed) goes through these so that
// "missing field", "wrong type", "empty text" read the same everywhere and always name the exact place.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/config_error.hpp"
#include "core/text.hpp"

namespace qmi {

using Json = nlohmann::json;

// RFC 6901 JSON pointers: json_pointer("/districts", 3) == "/districts/3"; "~" and "/" in keys are escaped.
std::string json_pointer(const std::string& parent, std::string_view key);
std::string json_pointer(const std::string& parent, size_t index);

// "a string", "a number", "an object", "an array", "a boolean", "null": for "expected X, got Y" sentences.
const char* json_type_name(const Json& value);

// Byte offset of the first byte that does not start a valid UTF-8 sequence, nullopt when all of `bytes` is valid.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

// Reads a whole config file. One ConfigError (path "") when it is missing, not a regular file, unreadable, empty,
// or larger than max_bytes; nullopt then. The size is checked before reading so a huge file costs nothing.
std::optional<std::string> read_config_file(const std::filesystem::path& file, const std::string& label,
                                            size_t max_bytes, ConfigErrors& errors);

// Whether a character can be drawn on screen by the fonts the kiosk ships with. Built by the ui layer from the
// fonts' character maps (ui/glyph_coverage.hpp) and injected here, so that core stays free of font code.
using GlyphPredicate = std::function<bool(char32_t)>;

// What the screen can show, checked on every string value of a document that holds displayed text (content.json,
// ui-text.json). Strings under a key starting with '$' are comments and never checked.
struct TextChecks {
    // Any string longer than this (bytes) is refused by the first pass, before the document is built: a 3 MB
    // "mayor" must cost neither a DOM copy nor, later, a text layout. 0 = no limit.
    size_t max_string_bytes = 0;
    // Control characters (U+0000-U+001F except the line feed, DEL, U+0080-U+009F) and invisible format
    // characters (zero-width spaces and joiners, bidi controls, BOM, soft hyphen) are refused: ImGui draws them as
    // "?" or not at all.
    bool reject_invisible = true;
    // Characters outside the fonts' coverage are refused when set (they would show as "?").
    GlyphPredicate drawable;
};

// Bytes -> JSON document. One ConfigError (path "") when the bytes are not UTF-8 (with the byte offset), nest
// deeper than max_depth (so hostile input cannot exhaust the stack anywhere downstream), or are not JSON (with the
// byte offset of the syntax error). A key repeated in one object is an error at its JSON pointer (nlohmann would
// silently keep the last one, hiding the first from whoever proofreads the file). With `checks`, every string
// value is also checked as TextChecks says, each problem at its JSON pointer. Nothing is built when a problem is
// found. Never throws.
std::optional<Json> parse_json_document(std::string_view bytes, const std::string& label, ConfigErrors& errors,
                                        int max_depth = 64, const TextChecks* checks = nullptr);

// The first character of `s` that `checks` refuses, as a sentence ("contains the invisible character U+200B"),
// or "" when none. Used by parse_json_document and by loaders for text they build themselves.
std::string text_problem(std::string_view s, const TextChecks& checks);

enum class Need { Required, Optional };

// Bounds on one text field (FieldReader::text).
struct TextLimits {
    size_t max_chars = 0;   // 0 = no limit
    bool multiline = true;  // false: a line break is an error (names, titles, one-line labels)
};

// Reads fields out of JSON objects, appending one ConfigError per problem to the list it was given.
// Every reader returns nullopt / nullptr on any problem (already reported) so callers just skip the value.
// Fields are strict: an optional field that is present must have the right type (null is not "absent").
class FieldReader {
public:
    FieldReader(std::string file, ConfigErrors& errors) : file_(std::move(file)), errors_(errors) {}

    void error(std::string path, std::string reason);
    const std::string& file() const { return file_; }
    size_t error_count() const { return errors_.size(); }

    // Reports "expected an object/array, got ..." at `path` unless `value` has that type.
    bool expect_object(const Json& value, const std::string& path);
    bool expect_array(const Json& value, const std::string& path);

    // obj[key] (obj must be an object); nullptr when absent, reported as missing when Required.
    const Json* field(const Json& obj, const std::string& path, std::string_view key, Need need);
    const Json* object(const Json& obj, const std::string& path, std::string_view key, Need need);
    const Json* array(const Json& obj, const std::string& path, std::string_view key, Need need);

    // A string field; empty strings (or strings that show nothing: spaces, invisible characters) are reported
    // unless allow_empty (an unknown fact is omitted, never ""). `max_chars` > 0 limits its length in characters.
    std::optional<std::string> string(const Json& obj, const std::string& path, std::string_view key, Need need,
                                      bool allow_empty = false, size_t max_chars = 0);
    // A string that is the whole value at `path` (array elements).
    std::optional<std::string> string_value(const Json& value, const std::string& path, bool allow_empty = false,
                                            size_t max_chars = 0);
    // An integer field within [min, max]; 2.0 or "2" are wrong types.
    std::optional<int> integer(const Json& obj, const std::string& path, std::string_view key, Need need,
                               int min, int max);
    // {"fr": "...", "en": "..."}: French required and not blank, English optional (falls back to French on screen;
    // present but blank is an error, since it would show nothing). `limits` bounds each language's length and says
    // whether a line break is allowed; `extra` lists further keys the object may hold (e.g. "source", "as_of" of a
    // sourced text), read by the caller.
    using TextLimits = qmi::TextLimits;
    std::optional<LocalizedText> text(const Json& obj, const std::string& path, std::string_view key, Need need,
                                      TextLimits limits = {}, std::initializer_list<std::string_view> extra = {});
    // The same, for a Text object that is the whole value at `path` (array elements).
    std::optional<LocalizedText> text_value(const Json& value, const std::string& path, TextLimits limits = {},
                                            std::initializer_list<std::string_view> extra = {});

    // Reports every key of `obj` not listed in `known`. Keys starting with '$' are comments, always allowed.
    void reject_unknown(const Json& obj, const std::string& path, std::initializer_list<std::string_view> known);

private:
    std::string file_;
    ConfigErrors& errors_;
};

}  // namespace qmi
