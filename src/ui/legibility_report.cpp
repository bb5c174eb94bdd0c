#include "ui/legibility_report.hpp"

#include <cstdio>

#include "ui/theme.hpp"

namespace qmi::ui {

namespace {

// Rounding to 0.1 mm for printing must not turn 14.96 into "15.0 ... FAIL": compare with a hair of tolerance.
constexpr float kTolerance = 1e-3f;

ReportLine size_line(const std::string& what, float px, float px_per_mm, float min_mm) {
    ReportLine l;
    l.what = what;
    l.px = px;
    l.value = px_per_mm > 0 ? px / px_per_mm : 0;
    l.minimum = min_mm;
    l.ok = l.value + kTolerance >= min_mm;
    return l;
}

}  // namespace

bool LegibilityReport::ok() const {
    for (const auto* list : {&text, &controls, &reach, &contrast})
        for (const ReportLine& l : *list)
            if (!l.ok) return false;
    return true;
}

LegibilityReport legibility_report(const Layout& L, const ScreenGeometry& screen, const Fonts* built) {
    LegibilityReport r;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%.0fx%.0f px, %.0f x %.0f mm (%.1f\"), %.2f px/mm from %s", screen.width_px,
                  screen.height_px, screen.width_mm, screen.height_mm, screen.diagonal_in(), screen.px_per_mm(),
                  describe(screen.source));
    r.screen = buf;
    const float ppmm = L.px_per_mm;

    const ImFont* measured[kTextRoleCount] = {};
    if (built) {
        measured[static_cast<size_t>(TextRole::Headline)] = built->headline;
        measured[static_cast<size_t>(TextRole::CallToAction)] = built->banner;
        measured[static_cast<size_t>(TextRole::Title)] = built->title;
        measured[static_cast<size_t>(TextRole::Body)] = built->body;
        measured[static_cast<size_t>(TextRole::MapLabel)] = built->label;
        measured[static_cast<size_t>(TextRole::Fine)] = built->small;
    }
    for (const TextRoleSpec& s : text_roles()) {
        const ImFont* f = measured[static_cast<size_t>(s.role)];
        const float cap_px = f ? rendered_cap_px(f) : L.type.cap_px(s.role);
        r.text.push_back(size_line(s.name, cap_px, ppmm, s.min_cap_mm));
    }

    r.controls.push_back(size_line("main button height (district list, Home, +/-, search, language)", L.button, ppmm,
                                   TouchSpec::kButtonMm));
    r.controls.push_back(size_line("district button width", L.district_list.width() / L.district_columns, ppmm,
                                   TouchSpec::kButtonMm));
    r.controls.push_back(size_line("Home / + / - button width", L.button, ppmm, TouchSpec::kButtonMm));
    r.controls.push_back(size_line("search button width", L.search.width(), ppmm, TouchSpec::kButtonMm));
    r.controls.push_back(size_line("language button width", L.language.width(), ppmm, TouchSpec::kButtonMm));
    r.controls.push_back(size_line("language button height", L.language.height(), ppmm, TouchSpec::kButtonMm));
    r.controls.push_back(size_line("keyboard key side", L.key, ppmm, TouchSpec::kKeyMm));
    r.controls.push_back(size_line("card button (close)", L.touch_min, ppmm, TouchSpec::kButtonMm));
    r.controls.push_back(size_line("smallest target (scroll grab)", L.type.touch.min_px, ppmm, TouchSpec::kMinMm));
    r.controls.push_back(size_line("gap between targets", L.gap, ppmm, TouchSpec::kGapMm));
    r.controls.push_back(size_line("QR code side", L.qr_side, ppmm, TouchSpec::kQrMm));

    // Heights above the floor of every control region: in portrait they must lie in the reach band.
    const bool portrait = L.orientation == Orientation::Portrait;
    const Mounting mounting{L.bottom_edge_m};
    const std::pair<const char*, const Rect*> reach_regions[] = {
        {"district list", &L.district_list}, {"map controls", &L.map_controls}, {"search", &L.search},
        {"language", &L.language},           {"QR code", &L.qr},                {"keyboard", &L.keyboard}};
    for (const auto& [name, rect] : reach_regions) {
        ReportLine l;
        l.what = name;
        const double top = height_above_floor_m(screen, mounting, rect->min.y);
        const double bottom = height_above_floor_m(screen, mounting, rect->max.y);
        l.px = rect->height();
        l.value = static_cast<float>(bottom);
        l.maximum = static_cast<float>(top);  // printed as "from bottom to top"
        l.minimum = portrait ? static_cast<float>(kReachLowM) : 0;
        l.ok = !portrait || (bottom + kTolerance >= kReachLowM && top <= kReachHighM + kTolerance);
        r.reach.push_back(l);
    }

    for (const ContrastPair& p : contrast_pairs()) {
        ReportLine l;
        l.what = p.what;
        l.value = static_cast<float>(contrast_ratio(over(p.fg, p.bg), p.bg));
        l.minimum = static_cast<float>(p.min_ratio);
        l.ok = l.value + kTolerance >= l.minimum;
        r.contrast.push_back(l);
    }
    return r;
}

std::string format_report(const LegibilityReport& r) {
    std::string out = "screen   " + r.screen + "\n";
    char buf[512];
    for (const ReportLine& l : r.text) {
        std::snprintf(buf, sizeof buf, "text     %-16s cap %5.1f px = %5.1f mm   (min %4.1f mm)  %s\n", l.what.c_str(),
                      l.px, l.value, l.minimum, l.ok ? "ok" : "FAIL");
        out += buf;
    }
    for (const ReportLine& l : r.controls) {
        std::snprintf(buf, sizeof buf, "control  %-62s %5.0f px = %5.1f mm   (min %4.1f mm)  %s\n", l.what.c_str(),
                      l.px, l.value, l.minimum, l.ok ? "ok" : "FAIL");
        out += buf;
    }
    for (const ReportLine& l : r.reach) {
        std::snprintf(buf, sizeof buf, "reach    %-16s %.2f m to %.2f m above the floor%s  %s\n", l.what.c_str(),
                      l.value, l.maximum, l.minimum > 0 ? "   (band 0.40 - 1.20 m)" : "   (landscape: not required)",
                      l.ok ? "ok" : "FAIL");
        out += buf;
    }
    for (const ReportLine& l : r.contrast) {
        std::snprintf(buf, sizeof buf, "contrast %-62s %5.2f:1  (min %.1f:1)  %s\n", l.what.c_str(), l.value,
                      l.minimum, l.ok ? "ok" : "FAIL");
        out += buf;
    }
    out += r.ok() ? "legibility: every minimum met\n" : "legibility: SOME MINIMUMS NOT MET\n";
    return out;
}

}  // namespace qmi::ui
