#include "core/commune_search.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace qmi {

namespace {

bool is_separator(char32_t c) {
    switch (c) {
        case ' ': case '\t': case '-': case '\'': case '`': case '.': case ',': case '_': case '/':
        case 0x00A0:  // no-break space
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:  // hyphens and dashes
        case 0x2018: case 0x2019: case 0x02BC:  // apostrophes
        case 0x202F: case 0x2009:               // narrow no-break and thin spaces
            return true;
        default: return false;
    }
}

// ASCII form of a letter (lower case), "" when it has none.
const char* ascii_of(char32_t c) {
    switch (c) {
        case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5:
        case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5:
        case 0x101: case 0x100: case 0x103: case 0x102: case 0x105: case 0x104: return "a";
        case 0xE6: case 0xC6: return "ae";
        case 0xE7: case 0xC7: case 0x107: case 0x106: case 0x10D: case 0x10C: return "c";
        case 0xE8: case 0xE9: case 0xEA: case 0xEB: case 0xC8: case 0xC9: case 0xCA: case 0xCB:
        case 0x113: case 0x112: case 0x117: case 0x116: case 0x119: case 0x118: case 0x11B: case 0x11A: return "e";
        case 0xEC: case 0xED: case 0xEE: case 0xEF: case 0xCC: case 0xCD: case 0xCE: case 0xCF:
        case 0x12B: case 0x12A: case 0x131: return "i";
        case 0xF1: case 0xD1: case 0x144: case 0x143: case 0x148: case 0x147: return "n";
        case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8:
        case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6: case 0xD8: case 0x14D: case 0x14C: return "o";
        case 0x153: case 0x152: return "oe";
        case 0xDF: return "ss";
        case 0xF9: case 0xFA: case 0xFB: case 0xFC: case 0xD9: case 0xDA: case 0xDB: case 0xDC:
        case 0x16B: case 0x16A: case 0x16F: case 0x16E: return "u";
        case 0xFD: case 0xFF: case 0xDD: case 0x178: return "y";
        case 0x142: case 0x141: return "l";
        case 0x161: case 0x160: case 0x15B: case 0x15A: return "s";
        case 0x17E: case 0x17D: case 0x17A: case 0x179: case 0x17C: case 0x17B: return "z";
        default: return "";
    }
}

}  // namespace

std::string fold_for_search(std::string_view utf8) {
    // Letters and digits, separators collapsed to one space.
    std::string flat;
    flat.reserve(utf8.size());
    bool pending_space = false;
    for (size_t i = 0; i < utf8.size();) {
        const char32_t c = next_code_point(utf8, i);
        std::string piece;
        if (c >= 'A' && c <= 'Z') piece = static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) piece = static_cast<char>(c);
        else if (is_separator(c)) {
            pending_space = !flat.empty();
            continue;
        } else piece = ascii_of(c);
        if (piece.empty()) continue;
        if (pending_space) flat += ' ';
        pending_space = false;
        flat += piece;
    }
    // "saint" / "sainte" as words are written "st" / "ste", the way signs and visitors abbreviate them.
    std::string out;
    size_t start = 0;
    while (start <= flat.size()) {
        size_t end = flat.find(' ', start);
        if (end == std::string::npos) end = flat.size();
        std::string_view word(flat.data() + start, end - start);
        if (!out.empty()) out += ' ';
        if (word == "saint") out += "st";
        else if (word == "sainte") out += "ste";
        else out += word;
        start = end + 1;
    }
    return out;
}

CommuneSearch::CommuneSearch(const Membership& membership, const Content& content) {
    for (const MemberCommune& c : membership.communes()) {
        Entry e;
        e.insee = c.code;
        e.name = c.name;
        e.folded = fold_for_search(c.name);
        e.compact = e.folded;
        e.compact.erase(std::remove(e.compact.begin(), e.compact.end(), ' '), e.compact.end());
        if (const District* d = content.find_district(c.code)) {
            e.district = true;
            e.promotion = d->promotion;
        }
        entries_.push_back(std::move(e));
    }
}

std::vector<CommuneMatch> CommuneSearch::search(std::string_view query, size_t max_results) const {
    std::vector<CommuneMatch> out;
    const std::string q = fold_for_search(query);
    if (q.empty() || max_results == 0) return out;
    std::string q_compact = q;
    q_compact.erase(std::remove(q_compact.begin(), q_compact.end(), ' '), q_compact.end());
    const std::string q_word = " " + q;

    struct Ranked {
        CommuneMatch::Kind kind;
        const Entry* e;
    };
    std::vector<Ranked> found;
    for (const Entry& e : entries_) {
        const std::string spaced = " " + e.folded;
        if (e.folded.compare(0, q.size(), q) == 0 || e.compact.compare(0, q_compact.size(), q_compact) == 0)
            found.push_back({CommuneMatch::Kind::Prefix, &e});
        else if (spaced.find(q_word) != std::string::npos)
            found.push_back({CommuneMatch::Kind::WordPrefix, &e});
        else if (e.folded.find(q) != std::string::npos || e.compact.find(q_compact) != std::string::npos)
            found.push_back({CommuneMatch::Kind::Substring, &e});
    }
    std::sort(found.begin(), found.end(), [](const Ranked& a, const Ranked& b) {
        return std::make_tuple(a.kind, !a.e->district, a.e->folded.size(), std::string_view(a.e->folded)) <
               std::make_tuple(b.kind, !b.e->district, b.e->folded.size(), std::string_view(b.e->folded));
    });
    for (size_t i = 0; i < found.size() && out.size() < max_results; ++i)
        out.push_back({found[i].e->insee, found[i].e->name, found[i].e->district, found[i].e->promotion, found[i].kind});
    return out;
}

}  // namespace qmi
