#include "ui/type_scale.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::ui {

const std::array<TextRoleSpec, kTextRoleCount>& text_roles() {
    static const std::array<TextRoleSpec, kTextRoleCount> roles = {{
        {TextRole::Headline, "headline", 15.0f, "read from 2 m by a visitor walking past"},
        {TextRole::CallToAction, "call to action", 15.0f, "read from 2 m: what to do and until when"},
        {TextRole::Title, "title", 10.0f, "the commune touched, read from a step back"},
        {TextRole::Body, "body", 7.0f, "read at arm's length and a step back"},
        {TextRole::MapLabel, "map label", 4.0f, "read close up, many at once, must not hide the map"},
        {TextRole::Fine, "fine print", 3.5f, "sources and dates: the smallest text on screen"},
    }};
    return roles;
}

const TextRoleSpec& spec(TextRole role) { return text_roles()[static_cast<size_t>(role)]; }

TypeScale make_type_scale(float px_per_mm, float cap_ratio) {
    TypeScale t;
    t.px_per_mm = px_per_mm > 0 ? px_per_mm : 96.0f / 25.4f;
    t.cap_ratio = cap_ratio > 0 ? cap_ratio : kOpenSansCapRatio;
    for (const TextRoleSpec& r : text_roles()) {
        const float cap_px = std::max(r.min_cap_mm * t.px_per_mm, kMinCapPx);
        t.size_px[static_cast<size_t>(r.role)] = std::ceil(cap_px / t.cap_ratio);
    }
    auto px = [&](float mm) { return std::ceil(mm * t.px_per_mm); };
    t.touch.min_px = px(TouchSpec::kMinMm);
    t.touch.button_px = px(TouchSpec::kButtonMm);
    t.touch.key_px = px(TouchSpec::kKeyMm);
    t.touch.gap_px = px(TouchSpec::kGapMm);
    return t;
}

}  // namespace qmi::ui
