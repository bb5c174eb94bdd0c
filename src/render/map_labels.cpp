#include "render/map_labels.hpp"

#include <algorithm>
#include <cfloat>

#include "ui/theme.hpp"

namespace qmi::render {

Vec2 measure_label(ImFont* font, float size_px, std::string_view text) {
    const ImVec2 s = font->CalcTextSizeA(size_px, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
    return {s.x, s.y};
}

void draw_map_labels(ImDrawList* dl, const LabelLayout& layout, const MapModel& map, const Camera& camera,
                     ImFont* font, float size_px, const ScreenRect& clip, std::optional<size_t> selected,
                     bool moving) {
    if (!font) return;
    namespace pal = ui::palette;
    const ImU32 ink = ui::to_u32(pal::ink);
    const ImU32 muted = ui::to_u32(pal::ink_muted);
    const ImU32 halo = ui::to_u32(ui::with_alpha(pal::surface, 235));
    const float h = std::max(1.0f, size_px / 14.0f);  // halo thickness: ~1.3 px at 1080p, ~2.6 px at 4K

    dl->PushClipRect(ImVec2(static_cast<float>(clip.x), static_cast<float>(clip.y)),
                     ImVec2(static_cast<float>(clip.x + clip.w), static_cast<float>(clip.y + clip.h)), true);
    for_each_visible_label(layout, camera, clip, selected, [&](const VisibleLabel& v) {
        const PlacedLabel& l = *v.label;
        if (l.commune >= map.communes.size()) return;
        const bool is_selected = selected && *selected == l.commune;
        const float x0 = static_cast<float>(v.box.min.x), y0 = static_cast<float>(v.box.min.y);
        const std::string& name = map.communes[l.commune].name;
        const char* b = name.data();
        const char* e = b + name.size();
        const Vec2 a = v.anchor_on_screen;
        const bool anchor_in_box = a.x >= v.box.min.x && a.x <= v.box.max.x && a.y >= v.box.min.y && a.y <= v.box.max.y;
        if (l.leader || !anchor_in_box) {
            // From the district to the nearest point of the name's box: a callout reads as pointing at its place.
            const ImVec2 to(static_cast<float>(std::clamp(a.x, v.box.min.x, v.box.max.x)),
                            static_cast<float>(std::clamp(a.y, v.box.min.y, v.box.max.y)));
            dl->AddLine(ImVec2(static_cast<float>(a.x), static_cast<float>(a.y)), to, muted, h);
            dl->AddCircleFilled(ImVec2(static_cast<float>(a.x), static_cast<float>(a.y)), 2.0f * h, ink);
        }
        // A light halo keeps dark text readable over the blue and vermillion fills and over borders.
        // Four offsets, not eight: each copy is a quad per glyph, and on a software rasteriser the diagonals cost as
        // much as the rest of the map for no visible gain at this halo width.
        if (!moving)
            for (const ImVec2 d : {ImVec2(-h, 0), ImVec2(h, 0), ImVec2(0, -h), ImVec2(0, h)})
                dl->AddText(font, size_px, ImVec2(x0 + d.x, y0 + d.y), halo, b, e);
        dl->AddText(font, size_px, ImVec2(x0, y0), l.highlighted || is_selected ? ink : muted, b, e);
    });
    dl->PopClipRect();
}

void draw_arrondissement_labels(ImDrawList* dl, const LabelLayout& layout, const std::vector<std::string>& texts,
                                const Camera& camera, ImFont* font, float size_px, const ScreenRect& clip,
                                bool moving) {
    if (!font || layout.labels.empty()) return;
    namespace pal = ui::palette;
    const ImU32 muted = ui::to_u32(pal::ink_muted);
    const ImU32 halo = ui::to_u32(ui::with_alpha(pal::surface, 235));
    const float h = std::max(1.0f, size_px / 14.0f);
    dl->PushClipRect(ImVec2(static_cast<float>(clip.x), static_cast<float>(clip.y)),
                     ImVec2(static_cast<float>(clip.x + clip.w), static_cast<float>(clip.y + clip.h)), true);
    for_each_visible_label(layout, camera, clip, std::nullopt, [&](const VisibleLabel& v) {
        if (v.label->commune >= texts.size()) return;
        const std::string& text = texts[v.label->commune];
        const Vec2 size = measure_label(font, size_px, text);
        // The box fits the wider language: centre this one's text in it.
        const float x0 = static_cast<float>(v.box.center().x - size.x / 2);
        const float y0 = static_cast<float>(v.box.center().y - size.y / 2);
        const char* b = text.data();
        const char* e = b + text.size();
        if (moving) {
            dl->AddText(font, size_px, ImVec2(x0 + h, y0 + h), halo, b, e);
        } else {
            for (const ImVec2 d : {ImVec2(-h, 0), ImVec2(h, 0), ImVec2(0, -h), ImVec2(0, h)})
                dl->AddText(font, size_px, ImVec2(x0 + d.x, y0 + d.y), halo, b, e);
        }
        dl->AddText(font, size_px, ImVec2(x0, y0), muted, b, e);
    });
    dl->PopClipRect();
}

}  // namespace qmi::render
