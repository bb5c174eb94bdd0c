#include "core/membership.hpp"

#include <set>

#include "core/json_fields.hpp"

namespace qmi {

namespace {

constexpr size_t kMaxMembershipBytes = 4u << 20;  // the real file is ~20 KiB

bool is_digits(std::string_view s, size_t n) {
    if (s.size() != n) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// INSEE commune codes: 5 characters, digits except Corsica's "2A"/"2B" prefix.
bool is_insee_code(std::string_view s) {
    if (s.size() != 5) return false;
    if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B')) return is_digits(s.substr(2), 3);
    return is_digits(s, 5);
}

}  // namespace

Membership::Membership(std::string metropole_code, std::string metropole_name, std::string source,
                       std::vector<Department> departments, std::vector<Territory> territories,
                       std::vector<MemberCommune> communes,
                       std::map<std::string, std::string, std::less<>> former_codes)
    : metropole_code_(std::move(metropole_code)),
      metropole_name_(std::move(metropole_name)),
      source_(std::move(source)),
      departments_(std::move(departments)),
      territories_(std::move(territories)),
      communes_(std::move(communes)),
      former_codes_(std::move(former_codes)) {
    for (size_t i = 0; i < communes_.size(); ++i) commune_index_.emplace(communes_[i].code, i);
}

const MemberCommune* Membership::find_commune(std::string_view insee) const {
    const auto it = commune_index_.find(insee);
    return it == commune_index_.end() ? nullptr : &communes_[it->second];
}

const Territory* Membership::find_territory(std::string_view code) const {
    for (const auto& t : territories_)
        if (t.code == code) return &t;
    return nullptr;
}

const Department* Membership::find_department(std::string_view code) const {
    for (const auto& d : departments_)
        if (d.code == code) return &d;
    return nullptr;
}

std::string Membership::current_code(std::string_view insee) const {
    const auto it = former_codes_.find(insee);
    return it == former_codes_.end() ? std::string(insee) : it->second;
}

MembershipLoad parse_membership(std::string_view bytes, const std::string& file_label) {
    MembershipLoad out;
    const auto doc = parse_json_document(bytes, file_label, out.errors);
    if (!doc) return out;
    FieldReader r(file_label, out.errors);
    if (!r.expect_object(*doc, "")) return out;
    r.reject_unknown(*doc, "", {"source", "licence", "generated_by", "metropole", "departments", "territories",
                                "former_codes", "communes"});

    const std::string source = r.string(*doc, "", "source", Need::Optional).value_or("");
    std::string metropole_code, metropole_name;
    if (const Json* m = r.object(*doc, "", "metropole", Need::Required)) {
        r.reject_unknown(*m, "/metropole", {"code", "name"});
        metropole_code = r.string(*m, "/metropole", "code", Need::Required).value_or("");
        metropole_name = r.string(*m, "/metropole", "name", Need::Required).value_or("");
    }

    std::vector<Department> departments;
    if (const Json* list = r.array(*doc, "", "departments", Need::Required)) {
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string here = json_pointer("/departments", i);
            const Json& d = (*list)[i];
            if (!r.expect_object(d, here)) continue;
            r.reject_unknown(d, here, {"code", "name"});
            auto code = r.string(d, here, "code", Need::Required);
            auto name = r.string(d, here, "name", Need::Required);
            if (!code || !name) continue;
            for (const auto& seen : departments)
                if (seen.code == *code) r.error(json_pointer(here, "code"), "duplicate department \"" + *code + "\"");
            departments.push_back({*code, *name});
        }
    }

    std::vector<Territory> territories;
    if (const Json* list = r.array(*doc, "", "territories", Need::Required)) {
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string here = json_pointer("/territories", i);
            const Json& t = (*list)[i];
            if (!r.expect_object(t, here)) continue;
            r.reject_unknown(t, here, {"code", "name"});
            auto code = r.string(t, here, "code", Need::Required);
            auto name = r.string(t, here, "name", Need::Required);
            if (!code || !name) continue;
            for (const auto& seen : territories)
                if (seen.code == *code) r.error(json_pointer(here, "code"), "duplicate territory \"" + *code + "\"");
            territories.push_back({*code, *name});
        }
    }

    std::map<std::string, std::string, std::less<>> former;
    if (const Json* map = r.object(*doc, "", "former_codes", Need::Optional)) {
        for (const auto& [old_code, value] : map->items()) {
            const std::string here = json_pointer("/former_codes", old_code);
            if (!is_insee_code(old_code)) {
                r.error(here, "former code \"" + old_code + "\" is not a 5-character INSEE code");
                continue;
            }
            auto current = r.string_value(value, here);
            if (!current) continue;
            if (!is_insee_code(*current)) {
                r.error(here, "\"" + *current + "\" is not a 5-character INSEE code");
                continue;
            }
            former.emplace(old_code, *current);
        }
    }

    std::vector<MemberCommune> communes;
    std::set<std::string, std::less<>> seen_codes;
    if (const Json* list = r.array(*doc, "", "communes", Need::Required)) {
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string here = json_pointer("/communes", i);
            const Json& c = (*list)[i];
            if (!r.expect_object(c, here)) continue;
            r.reject_unknown(c, here, {"code", "name", "department", "territory"});
            auto code = r.string(c, here, "code", Need::Required);
            auto name = r.string(c, here, "name", Need::Required);
            auto department = r.string(c, here, "department", Need::Required);
            auto territory = r.string(c, here, "territory", Need::Required);
            if (!code || !name || !department || !territory) continue;
            bool ok = true;
            if (!is_insee_code(*code)) {
                r.error(json_pointer(here, "code"), "\"" + *code + "\" is not a 5-character INSEE code");
                ok = false;
            } else if (!seen_codes.insert(*code).second) {
                r.error(json_pointer(here, "code"), "duplicate commune \"" + *code + "\"");
                ok = false;
            }
            // Cross-references are only meaningful when the lists they point into were readable.
            bool dep_known = false;
            for (const auto& d : departments) dep_known = dep_known || d.code == *department;
            if (!dep_known) {
                r.error(json_pointer(here, "department"), "unknown department \"" + *department + "\"");
                ok = false;
            }
            bool ter_known = false;
            for (const auto& t : territories) ter_known = ter_known || t.code == *territory;
            if (!ter_known) {
                r.error(json_pointer(here, "territory"), "unknown territory \"" + *territory + "\"");
                ok = false;
            }
            if (ok) communes.push_back({*code, *name, *department, *territory});
        }
        if (list->empty()) r.error("/communes", "no member communes");
    }

    if (!out.errors.empty()) return out;
    out.membership.emplace(std::move(metropole_code), std::move(metropole_name), source, std::move(departments),
                           std::move(territories), std::move(communes), std::move(former));
    return out;
}

MembershipLoad load_membership(const std::filesystem::path& file) {
    MembershipLoad out;
    const std::string label = file.generic_string();
    const auto bytes = read_config_file(file, label, kMaxMembershipBytes, out.errors);
    if (!bytes) return out;
    return parse_membership(*bytes, label);
}

}  // namespace qmi
