#include "ui/banner.hpp"

#include <algorithm>
#include <vector>

#include <imgui.h>

namespace qmi::ui {

std::string keep_numbers_with_words(const std::string& s) {
    // A space next to a digit becomes a no-break space (U+00A0), so that "11 j 14 h 00 min" or "13 mai 2024" never
    // breaks across lines: a countdown reading "... 13 / mai 2024" is hard to take in at a glance.
    std::string out;
    out.reserve(s.size() + 16);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (size_t i = 0; i < s.size(); ++i) {
        const bool space = s[i] == ' ';
        const bool after_digit = i > 0 && digit(s[i - 1]);
        const bool before_digit = i + 1 < s.size() && digit(s[i + 1]);
        if (space && (after_digit || before_digit)) out += "\u00a0";
        else out += s[i];
    }
    return out;
}

Rgba8 badge_color(BannerState::Phase phase, const CallWindow* window) {
    const bool month = window && window->precision == DatePrecision::Month;
    switch (phase) {
        case BannerState::Before:
        case BannerState::Between: return palette::state_upcoming;
        case BannerState::Open: return month ? palette::state_upcoming : palette::state_open;
        case BannerState::LastDay: return palette::state_last_day;
        case BannerState::After:
        case BannerState::None: break;
    }
    return palette::state_closed;
}

namespace {

const char* badge_key(BannerState::Phase phase, const CallWindow* window) {
    const bool month = window && window->precision == DatePrecision::Month;
    switch (phase) {
        case BannerState::None: return "badge.none";
        case BannerState::Before:
        case BannerState::Between: return month ? "badge.planned" : "badge.upcoming";
        case BannerState::Open: return month ? "badge.planned" : "badge.open";
        case BannerState::LastDay: return "badge.last_day";
        case BannerState::After: return "badge.closed";
    }
    return "badge.none";
}

}  // namespace

BannerModel make_banner_model(const Content& content, const UiText& text, Lang lang, date::sys_seconds now) {
    BannerModel m;
    m.lang = lang;
    const Programme& p = content.programme;
    m.title = !p.name.empty() ? p.name.in(lang) : text.get("app.title", lang);
    m.subtitle = text.get("app.subtitle", lang);  // "Métropole du Grand Paris · Paris&Co"
    if (lang == Lang::En && !p.name.empty() && p.name.in(Lang::En) == p.name.in(Lang::Fr)) {
        // The programme has no English name of its own: an English visitor reads what it is in English, and the
        // official name under it.
        m.title = text.get("app.title", Lang::En);
        m.subtitle = p.name.in(Lang::Fr) + " \u00b7 " + m.subtitle;
    }
    m.lang_switch = text.get("lang.switch", lang);

    const BannerState state = banner_state(content.call_windows, now);
    m.phase = state.phase;
    m.badge = text.get(badge_key(state.phase, state.window), lang);
    m.badge_color = badge_color(state.phase, state.window);
    m.sentence = banner_text(state, lang, text);
    m.display_sentence = keep_numbers_with_words(m.sentence);
    // After the last window the banner still names it and its communes: what happened last, not a promise.
    if (const CallWindow* w = state.window ? state.window : state.previous) {
        m.window_name = w->name.in(lang);
        m.communes = commune_list(content, w->districts, text, lang);
        m.second_line = text.format("banner.window_communes", lang, {{"window", m.window_name}, {"communes", m.communes}});
    }
    m.highlighted = districts_in_call(content, state);

    const QrCard qr = qr_card(content, state);
    m.qr_kind = qr.kind;
    if (qr.kind != QrCard::Kind::None) {
        m.url = qr.url;
        m.scan = text.get(qr.caption_key, lang);
        m.qr_source = qr.source_id;
    }
    m.computed_at = now;
    m.valid_until = now + banner_next_change(content.call_windows, now);
    return m;
}

void Banner::update(const Content& content, const UiText& text, Lang lang, date::sys_seconds now) {
    const bool stale = !valid_ || &content != content_ || content.version != content_version_ || &text != text_ ||
                       lang != model_.lang || now >= model_.valid_until ||
                       now < model_.computed_at;  // the clock went back (NTP correction): recompute
    if (!stale) return;
    model_ = make_banner_model(content, text, lang, now);
    content_ = &content;
    content_version_ = content.version;
    text_ = &text;
    valid_ = true;
    ++rebuilds_;
    qr_matrix_ = qr_.get(model_.url);  // encodes only if the URL changed
}

namespace {

// The header and the banner form one strip: flat (no rounding), banner colour, a hairline along the bottom.
void begin_header_strip(const char* id, const Rect& r, const WidgetContext& ctx) {
    begin_strip(id, r, ctx.theme, ImVec2(ctx.layout.padding, ctx.layout.padding * 0.5f));
    ImGui::GetWindowDrawList()->AddLine(ImVec2(r.min.x, r.max.y - ctx.theme.border * 0.5f),
                                        ImVec2(r.max.x, r.max.y - ctx.theme.border * 0.5f),
                                        to_u32(ctx.theme.card_border), ctx.theme.border);
}

// Height of `s` in the current font when wrapped at `width` px.
float wrapped_height(const std::string& s, float width) {
    if (s.empty()) return 0;
    return ImGui::CalcTextSize(s.c_str(), s.c_str() + s.size(), false, width).y;
}

// `s` broken into lines of at most `width` px in the current font (ImGui's own word wrap), the last line ending
// with an arrow towards the QR code. A word wider than `width` keeps its own line rather than being cut.
std::vector<std::string> caption_lines(const std::string& s, float width, const char* arrow = "\u2192") {
    std::vector<std::string> lines;
    if (s.empty()) return lines;
    const std::string text = s + "\u00a0" + arrow;  // no-break space: the arrow never sits alone on a line
    ImFont* font = ImGui::GetFont();
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        const char* cut = font->CalcWordWrapPositionA(1.0f, p, end, std::max(width, 1.0f));
        if (cut == p) {  // nothing fits: one whole UTF-8 character per line rather than an endless loop
            ++cut;
            while (cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;
        }
        std::string line(p, cut);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        if (!line.empty()) lines.push_back(std::move(line));
        p = cut;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    return lines;
}

// Text wrapped inside [x0, x1] (screen x), starting at screen y.
void text_block(const std::string& s, float x0, float x1, float y, const Rect& window) {
    ImGui::SetCursorPos(ImVec2(x0 - window.min.x, y - window.min.y));
    ImGui::PushTextWrapPos(x1 - window.min.x);
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopTextWrapPos();
}

// A main line (`main_font`, ink) over a secondary one (`second_font`, muted), both wrapped inside [x0, x1] and
// centred vertically in `r` as one block; an empty secondary line takes no room. When the block is taller than the
// strip (a sentence wrapped over two lines above a long list of communes on a 1366x768 screen), the secondary line
// falls back to fine print rather than run out of the strip. The header (title, subtitle) and the banner (countdown
// sentence, call window name) are laid out this way.
void two_line_block(const std::string& main, ImFont* main_font, const std::string& second, ImFont* second_font,
                    float spacing, float x0, float x1, const Rect& r, const WidgetContext& ctx) {
    const float width = std::max(1.0f, x1 - x0);
    ImGui::PushFont(main_font);
    const float main_h = wrapped_height(main, width);
    ImGui::PopFont();
    ImGui::PushFont(second_font);
    float second_h = second.empty() ? 0.0f : wrapped_height(second, width);
    ImGui::PopFont();
    // The strip keeps a quarter of the card padding above and below (ui/layout: every row counts). The second line
    // (the window and its communes, read from 2 m) keeps body size whenever both lines fit; the spacing between
    // them gives way first, then the second line falls back to fine print (communes that need two lines).
    const float room = r.height() - ctx.layout.padding * 0.5f;
    if (main_h + second_h > room && ctx.fonts.small && second_font != ctx.fonts.small) {
        second_font = ctx.fonts.small;
        ImGui::PushFont(second_font);
        second_h = wrapped_height(second, width);
        ImGui::PopFont();
    }
    if (second.empty()) spacing = 0;
    spacing = std::clamp(room - main_h - second_h, 0.0f, spacing);
    float y = r.min.y + std::max(0.0f, (r.height() - main_h - second_h - spacing) * 0.5f);
    ImGui::PushFont(main_font);
    text_block(main, x0, x1, y, r);
    ImGui::PopFont();
    if (second.empty()) return;
    y += main_h + spacing;
    ImGui::PushFont(second_font);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text_muted));
    text_block(second, x0, x1, y, r);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace

HeaderResult Banner::draw_header(const WidgetContext& ctx, bool show_lang_switch) {
    const Rect& r = ctx.layout.header;
    const float pad = ctx.layout.padding;
    const float gap = ctx.layout.margin;
    begin_header_strip("##qmi_header", r, ctx);

    bool switch_pressed = false;
    float text_right = r.max.x - pad;
    if (show_lang_switch && !model_.lang_switch.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        const float w = std::max(ctx.layout.touch_min,
                                 ImGui::CalcTextSize(model_.lang_switch.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
        const float h = ctx.layout.touch_min;
        const float x = r.max.x - pad - w;
        ImGui::SetCursorPos(ImVec2(x - r.min.x, (r.height() - h) * 0.5f));
        switch_pressed = ImGui::Button(model_.lang_switch.c_str(), ImVec2(w, h));
        ImGui::PopFont();
        text_right = x - gap;
    }

    // What this is, read from two metres: the headline role (the layout gives a narrow screen two lines for it).
    ImFont* title_font = ctx.fonts.headline ? ctx.fonts.headline : ctx.fonts.title;
    two_line_block(model_.title, title_font, model_.subtitle, ctx.fonts.body, 2.0f * ctx.theme.scale,
                   r.min.x + pad, text_right, r, ctx);

    ImGui::End();
    return switch_pressed ? HeaderResult::SwitchLanguage : HeaderResult::None;
}

void Banner::draw(const WidgetContext& ctx) {
    const Rect& r = ctx.layout.banner;
    const float pad = ctx.layout.padding;
    const float gap = ctx.layout.margin;
    const float s = ctx.theme.scale;
    begin_header_strip("##qmi_banner", r, ctx);

    // The state badge at the left end: a coloured pill with the state in white, centred on the strip.
    float text_left = r.min.x + pad;
    const float text_right = r.max.x - pad;
    if (!model_.badge.empty()) {
        ImGui::PushFont(ctx.fonts.title);
        const ImVec2 size = ImGui::CalcTextSize(model_.badge.c_str());
        const float bw = size.x + 2 * ImGui::GetStyle().FramePadding.x + 8.0f * s;
        const float bh = size.y + ImGui::GetStyle().FramePadding.y;
        const float bx = r.min.x + pad, by = r.min.y + (r.height() - bh) * 0.5f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + bw, by + bh), to_u32(model_.badge_color), bh * 0.5f);
        ImGui::SetCursorPos(ImVec2(bx + (bw - size.x) * 0.5f - r.min.x, by + (bh - size.y) * 0.5f - r.min.y));
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::surface));
        ImGui::TextUnformatted(model_.badge.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        text_left = bx + bw + gap;
    }

    // The countdown (title size when it fits on one line, else semibold body over two) and the window with its
    // communes under it, centred vertically as a block. On the last day the sentence takes the badge's vermillion:
    // the one state a visitor must not miss.
    ImFont* sentence_font = ctx.fonts.title;
    ImGui::PushFont(sentence_font);
    if (ImGui::CalcTextSize(model_.display_sentence.c_str()).x > text_right - text_left) sentence_font = ctx.fonts.body_bold;
    ImGui::PopFont();
    const bool last_day = model_.phase == BannerState::LastDay;
    if (last_day) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(model_.badge_color));
    two_line_block(model_.display_sentence, sentence_font, model_.second_line, ctx.fonts.body, 2.0f * s, text_left,
                   text_right, r, ctx);
    if (last_day) ImGui::PopStyleColor();
    ImGui::End();
}

void Banner::draw_qr_card(const WidgetContext& ctx) {
    if (!qr_matrix_) return;
    const Rect& r = ctx.layout.qr;
    // The code keeps its full side (>= 25 mm, >= 2 px a module): the card's padding gives way first.
    const bool wide = r.width() > 1.5f * r.height();
    const float room = (wide ? r.height() : r.width()) - ctx.layout.qr_side;
    const float pad = std::clamp(room * 0.5f, 2.0f, ctx.layout.padding * 0.5f);
    next_window_on(r);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(palette::qr_light));
    ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(ctx.theme.card_border));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ctx.theme.rounding * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ctx.theme.border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::Begin("##qmi_qr", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Wide card: the invitation left of the code, ending in an arrow towards it. Tall card (portrait): the code on
    // top, the invitation under it. The code's quiet zone is the card's white.
    const float side = std::min(ctx.layout.qr_side, (wide ? r.height() : r.width()) - 2 * pad);
    ImGui::PushFont(ctx.fonts.body_bold);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::ink));
    const float line_h = ImGui::GetTextLineHeight();
    if (wide) {
        const float qx = r.max.x - pad - side, qy = r.min.y + (r.height() - side) * 0.5f;
        draw_qr(dl, *qr_matrix_, ImVec2(qx, qy), side, to_u32(palette::qr_dark), to_u32(palette::qr_light));
        const std::vector<std::string> lines = caption_lines(model_.scan, qx - r.min.x - 2 * pad);
        float y = r.min.y + (r.height() - line_h * lines.size()) * 0.5f;
        for (const std::string& l : lines) {
            const float w = ImGui::CalcTextSize(l.c_str()).x;
            ImGui::SetCursorPos(ImVec2(qx - pad - w - r.min.x, y - r.min.y));
            ImGui::TextUnformatted(l.c_str(), l.c_str() + l.size());
            y += line_h;
        }
    } else {
        const float qx = r.min.x + (r.width() - side) * 0.5f, qy = r.min.y + pad;
        draw_qr(dl, *qr_matrix_, ImVec2(qx, qy), side, to_u32(palette::qr_dark), to_u32(palette::qr_light));
        const std::vector<std::string> lines = caption_lines(model_.scan, r.width() - 2 * pad, "\u2191");
        float y = qy + side + pad * 0.5f;
        for (const std::string& l : lines) {
            const float w = ImGui::CalcTextSize(l.c_str()).x;
            ImGui::SetCursorPos(ImVec2((r.width() - w) * 0.5f, y - r.min.y));
            ImGui::TextUnformatted(l.c_str(), l.c_str() + l.size());
            y += line_h;
        }
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace qmi::ui
