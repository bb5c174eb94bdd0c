#include "ui/search_keyboard.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/theme.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {

namespace {

// AZERTY, as on every French keyboard: the letters where a visitor's fingers expect them. The third row ends with
// the apostrophe and the hyphen that names such as L'Haÿ-les-Roses contain (optional to type: search ignores them).
constexpr const char* kRows[3] = {"AZERTYUIOP", "QSDFGHJKLM", "WXCVBN'-"};

}  // namespace

bool draw_search_button(const WidgetContext& ctx) {
    const Rect& r = ctx.layout.search;
    begin_button_window("##qmi_search_button", r);
    const Layout& L = ctx.layout;
    // A square button in the map's column (landscape) holds the icon; a wider one (portrait) also the word.
    const float side = std::min(r.width(), r.height());
    const Rect br = r.width() > 1.5f * r.height() ? r
                                                   : Rect{{r.center().x - side / 2 + L.gap, r.center().y - side / 2 + L.gap},
                                                          {r.center().x + side / 2 - L.gap, r.center().y + side / 2 - L.gap}};
    const TouchButton b = touch_button("##search", br, ctx);
    const float icon = std::min(br.height(), br.width()) * 0.62f;
    const float stroke = std::max(2.0f, std::round(0.08f * L.button));
    if (br.width() > 1.5f * br.height()) {
        const Rect ib{{b.inner.min.x, br.center().y - icon / 2}, {b.inner.min.x + icon, br.center().y + icon / 2}};
        draw_icon(ImGui::GetWindowDrawList(), Icon::Magnifier, ib, b.ink, stroke);
        Rect text = b.inner;
        text.min.x += icon + L.gap;
        button_text(ctx.text.get("search.button", ctx.lang), ctx.fonts.body_bold, text, b.ink, false);
    } else {
        const Rect ib{{br.center().x - icon / 2, br.center().y - icon / 2}, {br.center().x + icon / 2, br.center().y + icon / 2}};
        draw_icon(ImGui::GetWindowDrawList(), Icon::Magnifier, ib, b.ink, stroke);
    }
    ImGui::End();
    return b.released;
}

void SearchKeyboard::set_index(const CommuneSearch* index) {
    index_ = index;
    refresh();
}

void SearchKeyboard::type(std::string_view text) {
    if (query_.size() + text.size() > kMaxQueryBytes) return;
    query_ += text;
    refresh();
}

void SearchKeyboard::backspace() {
    if (query_.empty()) return;
    query_.pop_back();
    while (!query_.empty() && (static_cast<unsigned char>(query_.back()) & 0xC0) == 0x80) query_.pop_back();
    if (!query_.empty() && (static_cast<unsigned char>(query_.back()) & 0xC0) == 0xC0) query_.pop_back();
    refresh();
}

void SearchKeyboard::clear() {
    query_.clear();
    refresh();
}

void SearchKeyboard::refresh() {
    matches_.clear();
    if (index_) matches_ = index_->search(query_, 5);
}

KeyboardGeometry keyboard_geometry(const Layout& L) {
    KeyboardGeometry k;
    const Rect& r = L.keyboard;
    const float p = L.padding, g = L.gap, b = L.button;
    const float x0 = r.min.x + p, x1 = r.max.x - p;
    float y = r.min.y + p;
    k.close = Rect{{x1 - b, y}, {x1, y + b}};
    k.field = Rect{{x0, y}, {k.close.min.x - g, y + b}};
    y += b + g;
    for (int i = 0; i < std::max(1, L.keyboard_results); ++i) k.results.push_back(Rect{{x0, y + i * (b + g)}, {x1, y + i * (b + g) + b}});
    y += std::max(1, L.keyboard_results) * (b + g) + g;
    const float key_w = (x1 - x0 - 9 * g) / 10, key_h = L.key;
    for (int row = 0; row < 3; ++row) {
        const std::string letters = kRows[row];
        for (size_t i = 0; i < letters.size(); ++i) {
            const float kx = x0 + static_cast<float>(i) * (key_w + g);
            k.keys.push_back({KeyboardKey::Kind::Char, std::string(1, letters[i]), Rect{{kx, y}, {kx + key_w, y + key_h}}});
        }
        if (row == 2) {  // backspace: the two key widths left on the row
            const float kx = x0 + 8 * (key_w + g);
            k.keys.push_back({KeyboardKey::Kind::Backspace, "", Rect{{kx, y}, {x1, y + key_h}}});
        }
        y += key_h + g;
    }
    const float clear_x1 = x0 + 3 * key_w + 2 * g;
    k.keys.push_back({KeyboardKey::Kind::Clear, "", Rect{{x0, y}, {clear_x1, y + key_h}}});
    k.keys.push_back({KeyboardKey::Kind::Space, " ", Rect{{clear_x1 + g, y}, {x1, y + key_h}}});
    return k;
}

SearchKeyboardResult SearchKeyboard::draw(const WidgetContext& ctx) {
    SearchKeyboardResult result;
    const Layout& L = ctx.layout;
    const Theme& t = ctx.theme;
    const Rect& r = L.keyboard;
    const KeyboardGeometry k = keyboard_geometry(L);
    next_window_on(r);
    ImGui::SetNextWindowFocus();  // drawn over the map and the panel for as long as it is open
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(2.0f, t.control_border_width));
    ImGui::Begin("##qmi_search_keyboard", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar(3);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float g = L.gap, b = L.button, p = L.padding;
    const float stroke = std::max(2.0f, std::round(0.08f * b));

    // The typed text in a field, the close button at its right.
    const Rect& field = k.field;
    dl->AddRectFilled(field.min, field.max, to_u32(t.panel_bg), t.frame_rounding);
    dl->AddRect(field.min, field.max, to_u32(t.control_border), t.frame_rounding, 0, t.control_border_width);
    const Rect text_box{{field.min.x + g + p / 2, field.min.y}, {field.max.x - g, field.max.y}};
    if (query_.empty()) {
        button_text(ctx.text.get("search.placeholder", ctx.lang), ctx.fonts.body, text_box, to_u32(t.text_muted), false);
    } else {
        const float w = button_text(query_, ctx.fonts.body_bold, text_box, to_u32(t.text), false);
        // The caret: where the next letter goes.
        const float cx = std::min(text_box.min.x + w + 2, text_box.max.x);
        dl->AddLine(ImVec2(cx, field.min.y + 0.2f * b), ImVec2(cx, field.max.y - 0.2f * b), to_u32(t.text), 2);
    }
    const TouchButton cb = touch_button("##close", k.close, ctx);
    const float ci = 0.25f * b;
    draw_icon(dl, Icon::Close, Rect{{k.close.min.x + ci, k.close.min.y + ci}, {k.close.max.x - ci, k.close.max.y - ci}},
              cb.ink, stroke);
    if (cb.released) result.kind = SearchKeyboardResult::Kind::Close;

    // Matches: one big button each, the districts marked with their colour and "Quartier QMI".
    if (!query_.empty() && matches_.empty() && !k.results.empty())
        button_text(ctx.text.get("search.no_match", ctx.lang), ctx.fonts.body, k.results[0], to_u32(t.text_muted), false);
    for (size_t i = 0; i < k.results.size() && i < matches_.size(); ++i) {
        const CommuneMatch& m = matches_[i];
        const Rect& br = k.results[i];
        ImGui::PushID(m.insee.c_str());
        const TouchButton rb = touch_button("##match", br, ctx);
        Rect name = rb.inner;
        if (m.district) {
            const std::string& tag = ctx.text.get("search.district", ctx.lang);
            ImGui::PushFont(ctx.fonts.body);
            const float tw = ImGui::CalcTextSize(tag.c_str()).x;
            ImGui::PopFont();
            const float chip = std::round(0.45f * L.fonts.body);
            const Rect tag_box{{name.max.x - tw, name.min.y}, name.max};
            button_text(tag, ctx.fonts.body, tag_box, to_u32(t.text_muted), false);
            const float cy = br.center().y;
            dl->AddRectFilled(ImVec2(tag_box.min.x - g - chip, cy - chip / 2), ImVec2(tag_box.min.x - g, cy + chip / 2),
                              to_u32(promotion_color(m.promotion)), chip * 0.25f);
            name.max.x = tag_box.min.x - 2 * g - chip;
        }
        button_text(m.name, ctx.fonts.body_bold, name, rb.ink, false);
        if (rb.released) {
            result.kind = SearchKeyboardResult::Kind::Chosen;
            result.insee = m.insee;
        }
        ImGui::PopID();
    }

    // The keys.
    for (size_t i = 0; i < k.keys.size(); ++i) {
        const KeyboardKey& key = k.keys[i];
        ImGui::PushID(static_cast<int>(i));
        const TouchButton kb = touch_button("##key", key.rect, ctx);
        const Rect& kr = key.rect;
        if (key.kind == KeyboardKey::Kind::Backspace) {
            const float s = 0.6f * std::min(kr.width(), kr.height());
            draw_icon(dl, Icon::Backspace,
                      Rect{{kr.center().x - s / 2, kr.center().y - s / 2}, {kr.center().x + s / 2, kr.center().y + s / 2}},
                      kb.ink, stroke);
        } else {
            const std::string label = key.kind == KeyboardKey::Kind::Clear   ? ctx.text.get("keyboard.clear", ctx.lang)
                                      : key.kind == KeyboardKey::Kind::Space ? ctx.text.get("keyboard.space", ctx.lang)
                                                                             : key.text;
            // A letter uses the whole key (minus its outline): an "M" is wider than a key's padded inside.
            const float w = ctx.theme.control_border_width + 1;
            button_text(label, ctx.fonts.body_bold, Rect{{kr.min.x + w, kr.min.y + w}, {kr.max.x - w, kr.max.y - w}},
                        kb.ink, true);
        }
        ImGui::PopID();
        if (!kb.released) continue;
        result.kind = SearchKeyboardResult::Kind::Typed;
        switch (key.kind) {
            case KeyboardKey::Kind::Char:
            case KeyboardKey::Kind::Space:
                type(key.text);
                result.key = key.text;
                break;
            case KeyboardKey::Kind::Backspace:
                backspace();
                result.key = "\b";
                break;
            case KeyboardKey::Kind::Clear:
                clear();
                result.key.clear();
                break;
        }
    }
    ImGui::End();
    return result;
}

}  // namespace qmi::ui
