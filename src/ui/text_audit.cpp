#include "ui/text_audit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>

#include <imgui.h>
#include <imgui_internal.h>

namespace qmi::ui {

namespace {

thread_local TextAudit* g_audit = nullptr;

// A glyph that crosses its clip rectangle by less than this is whole on screen (antialiasing fringe, rounding).
constexpr float kTolerancePx = 1.0f;

uint64_t uv_key(float u, float v) {
    uint32_t a = 0, b = 0;
    std::memcpy(&a, &u, sizeof a);
    std::memcpy(&b, &v, sizeof b);
    return (static_cast<uint64_t>(a) << 32) | b;
}

struct GlyphRef {
    const ImFont* font = nullptr;
    const ImFontGlyph* glyph = nullptr;
    bool missing = false;  // the marked fallback: a character the font lacks
};

// One glyph as drawn: its character, the quad it would fill whole, and how it was clipped.
struct DrawnGlyph {
    GlyphRef ref;
    Rect quad;          // whole glyph
    float scale = 1;    // drawn size / the font's own size
    float pen_x = 0, pen_y = 0, advance = 0;
    float fine_clipped_px = 0;  // cut on the CPU (ImGui's RenderTextClipped): how much of the quad is missing
    bool fine_clipped_horizontally = false;
};

std::string window_name(const ImGuiWindow* w) { return w && w->Name ? std::string(w->Name) : std::string(); }

class Decoder {
public:
    Decoder(const ImFontAtlas& atlas, const std::vector<std::pair<const ImFont*, const ImFontGlyph*>>& marked) {
        for (const ImFont* f : atlas.Fonts)
            for (const ImFontGlyph& g : f->Glyphs)
                if (g.Visible) by_uv_.emplace(uv_key(g.U0, g.V0), GlyphRef{f, &g, false});
        for (const auto& [font, glyph] : marked) by_uv_[uv_key(glyph->U0, glyph->V0)] = GlyphRef{font, glyph, true};
        all_.reserve(by_uv_.size());
        for (const auto& [key, ref] : by_uv_) all_.push_back(ref);
    }

    // The lines of text of one draw list, in the order they were drawn.
    std::vector<DrawnLine> lines(const ImDrawList& dl, const std::string& window) const {
        std::vector<DrawnLine> out;
        for (const ImDrawCmd& cmd : dl.CmdBuffer) {
            if (cmd.UserCallback || cmd.ElemCount == 0) continue;
            const Rect clip{ImVec2(cmd.ClipRect.x, cmd.ClipRect.y), ImVec2(cmd.ClipRect.z, cmd.ClipRect.w)};
            const ImDrawIdx* idx = dl.IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = dl.VtxBuffer.Data + cmd.VtxOffset;
            std::vector<DrawnGlyph> run;
            for (unsigned i = 0; i + 3 <= cmd.ElemCount;) {
                // ImFont::RenderText writes each glyph as one quad: indices a, a+1, a+2, a, a+2, a+3.
                const unsigned a = idx[i];
                const bool quad = i + 6 <= cmd.ElemCount && idx[i + 1] == a + 1 && idx[i + 2] == a + 2 &&
                                  idx[i + 3] == a && idx[i + 4] == a + 2 && idx[i + 5] == a + 3;
                if (!quad) {
                    i += 3;  // every primitive is whole triangles
                    continue;
                }
                i += 6;
                if (auto g = glyph(vtx + a)) {
                    run.push_back(*g);
                } else if (!run.empty()) {
                    flush(run, clip, window, out);
                }
            }
            flush(run, clip, window, out);
        }
        return out;
    }

private:
    std::optional<DrawnGlyph> glyph(const ImDrawVert* v) const {
        const ImDrawVert &v0 = v[0], &v1 = v[1], &v2 = v[2], &v3 = v[3];
        // A glyph quad is an axis-aligned rectangle with distinct texture corners (solid fills use one texel).
        if (v0.pos.y != v1.pos.y || v1.pos.x != v2.pos.x || v2.pos.y != v3.pos.y || v3.pos.x != v0.pos.x) return {};
        if (v0.uv.x == v2.uv.x || v0.uv.y == v2.uv.y) return {};
        DrawnGlyph d;
        const ImFontGlyph* g = nullptr;
        if (auto it = by_uv_.find(uv_key(v0.uv.x, v0.uv.y)); it != by_uv_.end() && it->second.glyph->U1 == v2.uv.x &&
                                                               it->second.glyph->V1 == v2.uv.y) {
            d.ref = it->second;
            g = d.ref.glyph;
            d.quad = Rect{v0.pos, v2.pos};
        } else {
            // Cut on the CPU to a button's box: the texture corners lie inside the glyph's. Rebuild the whole quad.
            for (const GlyphRef& r : all_) {
                const ImFontGlyph* c = r.glyph;
                if (v0.uv.x >= c->U0 && v2.uv.x <= c->U1 && v0.uv.y >= c->V0 && v2.uv.y <= c->V1) {
                    d.ref = r;
                    g = c;
                    break;
                }
            }
            if (!g) return {};
            const float px_per_u = (v2.pos.x - v0.pos.x) / (v2.uv.x - v0.uv.x);
            const float px_per_v = (v2.pos.y - v0.pos.y) / (v2.uv.y - v0.uv.y);
            d.quad.min = ImVec2(v0.pos.x - (v0.uv.x - g->U0) * px_per_u, v0.pos.y - (v0.uv.y - g->V0) * px_per_v);
            d.quad.max = ImVec2(v2.pos.x + (g->U1 - v2.uv.x) * px_per_u, v2.pos.y + (g->V1 - v2.uv.y) * px_per_v);
            const float cut_x = std::max(v0.pos.x - d.quad.min.x, d.quad.max.x - v2.pos.x);
            const float cut_y = std::max(v0.pos.y - d.quad.min.y, d.quad.max.y - v2.pos.y);
            d.fine_clipped_px = std::max(cut_x, cut_y);
            d.fine_clipped_horizontally = cut_x >= cut_y;
        }
        d.scale = g->X1 > g->X0 ? d.quad.width() / (g->X1 - g->X0) : 1.0f;
        d.pen_x = d.quad.min.x - g->X0 * d.scale;
        d.pen_y = d.quad.min.y - g->Y0 * d.scale;
        d.advance = g->AdvanceX * d.scale;
        return d;
    }

    // Groups consecutive glyphs into lines: same font and size, same pen row, moving right.
    static void flush(std::vector<DrawnGlyph>& run, const Rect& clip, const std::string& window,
                      std::vector<DrawnLine>& out) {
        if (run.empty()) return;
        DrawnLine line;
        const DrawnGlyph* prev = nullptr;
        auto finish = [&] {
            if (!line.text.empty()) out.push_back(std::move(line));
            line = DrawnLine{};
        };
        for (const DrawnGlyph& g : run) {
            const float space = g.ref.font->GetCharAdvance(' ') * g.scale;
            if (prev) {
                const float gap = g.pen_x - (prev->pen_x + prev->advance);
                const bool same_line = g.ref.font == prev->ref.font && std::abs(g.scale - prev->scale) < 1e-3f &&
                                       std::abs(g.pen_y - prev->pen_y) < 0.5f && gap > -0.5f * space &&
                                       gap < 6.0f * space;
                if (!same_line) {
                    finish();
                } else {
                    for (int n = static_cast<int>(std::floor(gap / space + 0.5f)); n > 0; --n) line.text += ' ';
                }
            }
            if (line.text.empty()) {
                line.window = window;
                line.box = g.quad;
                line.clip = clip;
            }
            char buf[5];
            line.text += g.ref.missing ? "?" : ImTextCharToUtf8(buf, g.ref.glyph->Codepoint);
            line.missing_glyph = line.missing_glyph || g.ref.missing;
            line.box.min = ImVec2(std::min(line.box.min.x, g.quad.min.x), std::min(line.box.min.y, g.quad.min.y));
            line.box.max = ImVec2(std::max(line.box.max.x, g.quad.max.x), std::max(line.box.max.y, g.quad.max.y));
            const float out_x = std::max(clip.min.x - g.quad.min.x, g.quad.max.x - clip.max.x);
            const float out_y = std::max(clip.min.y - g.quad.min.y, g.quad.max.y - clip.max.y);
            if (out_x > line.clipped_px || out_y > line.clipped_px || g.fine_clipped_px > line.clipped_px) {
                if (g.fine_clipped_px >= std::max(out_x, out_y)) {
                    line.clipped_px = g.fine_clipped_px;
                    line.clipped_horizontally = g.fine_clipped_horizontally;
                } else {
                    line.clipped_px = std::max(out_x, out_y);
                    line.clipped_horizontally = out_x >= out_y;
                }
            }
            prev = &g;
        }
        finish();
        run.clear();
    }

    std::unordered_map<uint64_t, GlyphRef> by_uv_;
    std::vector<GlyphRef> all_;
};

bool contains_name(const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace

const char* finding_kind_name(TextFinding::Kind kind) {
    switch (kind) {
        case TextFinding::Kind::Ellipsised: return "cut with an ellipsis";
        case TextFinding::Kind::Clipped: return "clipped at the edge of its box";
        case TextFinding::Kind::Hidden: return "content past its box, hidden";
        case TextFinding::Kind::MissingGlyph: return "a character the font lacks";
        case TextFinding::Kind::Scrolls: return "scrolls";
    }
    return "?";
}

TextAudit::TextAudit() : ctx_(ImGui::GetCurrentContext()) {
    if (!ctx_) return;
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts) {
        if (!f->FallbackGlyph || !f->FallbackGlyph->Visible) continue;  // an invisible fallback draws no quad
        auto copy = std::make_unique<ImFontGlyph>(*f->FallbackGlyph);
        copy->U0 = std::nextafter(copy->U0, 1.0f);  // one float step: the same texel, another key
        marked_.push_back({f, f->FallbackGlyph});
        f->FallbackGlyph = copy.get();
        copies_.push_back(copy.release());
    }
    g_audit = this;
}

TextAudit::~TextAudit() {
    for (size_t i = 0; i < marked_.size(); ++i)
        if (marked_[i].font->FallbackGlyph == copies_[i]) marked_[i].font->FallbackGlyph = marked_[i].original;
    for (ImFontGlyph* g : copies_) delete g;
    if (g_audit == this) g_audit = nullptr;
}

void TextAudit::add_ellipsised(std::string_view window, std::string_view full, std::string_view shown) {
    for (const Shortened& s : ellipsised_)
        if (s.window == window && s.full == full) return;
    ellipsised_.push_back({std::string(window), std::string(full), std::string(shown)});
}

void TextAudit::add_finger_scroll(std::string_view window) {
    if (!contains_name(finger_scrolled_, std::string(window))) finger_scrolled_.emplace_back(window);
}

std::vector<DrawnLine> TextAudit::drawn_lines() const {
    if (!ctx_) return {};
    ImGuiContext* before = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(ctx_);
    std::vector<std::pair<const ImFont*, const ImFontGlyph*>> marked;
    for (size_t i = 0; i < marked_.size(); ++i) marked.emplace_back(marked_[i].font, copies_[i]);
    const Decoder decoder(*ImGui::GetIO().Fonts, marked);
    std::vector<DrawnLine> out;
    for (const ImGuiWindow* w : ctx_->Windows) {
        if (!w->Active || w->Hidden || w->IsFallbackWindow || !w->DrawList) continue;
        std::vector<DrawnLine> l = decoder.lines(*w->DrawList, window_name(w));
        out.insert(out.end(), std::make_move_iterator(l.begin()), std::make_move_iterator(l.end()));
    }
    std::vector<DrawnLine> labels = decoder.lines(*ImGui::GetBackgroundDrawList(), "");
    out.insert(out.end(), std::make_move_iterator(labels.begin()), std::make_move_iterator(labels.end()));
    ImGui::SetCurrentContext(before);
    return out;
}

std::vector<TextFinding> TextAudit::inspect() const {
    std::vector<TextFinding> out;
    if (!ctx_) return out;
    const std::vector<DrawnLine> lines = drawn_lines();
    ImGuiContext* before = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(ctx_);
    for (const Shortened& s : ellipsised_) {
        TextFinding f;
        f.kind = TextFinding::Kind::Ellipsised;
        f.window = s.window;
        f.text = s.full;
        f.shown = s.shown;
        if (const ImGuiWindow* w = ImGui::FindWindowByName(s.window.c_str()))
            f.box = Rect{w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y)};
        // Where the shortened text was drawn (a widget may shorten it before it begins its window): the drawn line
        // that ends it, "…" included.
        for (const DrawnLine& l : lines) {
            const bool ends_it = l.text.size() > 3 && s.shown.size() >= l.text.size() &&
                                 s.shown.compare(s.shown.size() - l.text.size(), l.text.size(), l.text) == 0;
            if (!ends_it) continue;
            f.window = l.window;
            f.box = l.box;
            if (l.window == s.window) break;
        }
        out.push_back(std::move(f));
    }

    for (const DrawnLine& l : lines) {
        if (l.missing_glyph) {
            TextFinding f;
            f.kind = TextFinding::Kind::MissingGlyph;
            f.window = l.window;
            f.text = l.text;
            f.box = l.box;
            out.push_back(std::move(f));
        }
        // Map labels are placed whole by the label layout, or not at all; a window a finger scrolls cuts its lines
        // at the fold by design (but never sideways).
        const bool scrolls = contains_name(finger_scrolled_, l.window);
        if (l.window.empty() || l.clipped_px <= kTolerancePx || (scrolls && !l.clipped_horizontally)) continue;
        TextFinding f;
        f.kind = TextFinding::Kind::Clipped;
        f.window = l.window;
        f.text = l.text;
        f.overflow_px = l.clipped_px;
        f.horizontal = l.clipped_horizontally;
        f.box = l.box;
        out.push_back(std::move(f));
    }

    for (const ImGuiWindow* w : ctx_->Windows) {
        if (!w->Active || w->Hidden || w->IsFallbackWindow) continue;
        const std::string name = window_name(w);
        const ImRect& clip = w->InnerClipRect;
        const ImVec2 reach = w->DC.CursorMaxPos;  // this frame's content, in screen coordinates
        const bool scrolls = contains_name(finger_scrolled_, name);
        const Rect box{w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y)};
        // The line drawn nearest the edge in question names what is cut.
        auto last_line = [&](bool horizontal) {
            const DrawnLine* best = nullptr;
            for (const DrawnLine& l : lines)
                if (l.window == name && (!best || (horizontal ? l.box.max.x > best->box.max.x
                                                              : l.box.max.y > best->box.max.y)))
                    best = &l;
            return best ? best->text : std::string();
        };
        const float below = reach.y - clip.Max.y;
        if (below > kTolerancePx) {
            TextFinding f;
            f.kind = scrolls ? TextFinding::Kind::Scrolls : TextFinding::Kind::Hidden;
            f.window = name;
            f.overflow_px = below + w->Scroll.y;
            f.box_px = clip.GetHeight();
            f.text = last_line(false);
            f.box = box;
            out.push_back(std::move(f));
        }
        const float right = reach.x - clip.Max.x;
        if (right > kTolerancePx) {
            TextFinding f;
            f.kind = TextFinding::Kind::Hidden;
            f.window = name;
            f.horizontal = true;
            f.overflow_px = right;
            f.box_px = clip.GetWidth();
            f.text = last_line(true);
            f.box = box;
            out.push_back(std::move(f));
        }
    }
    ImGui::SetCurrentContext(before);
    return out;
}

void note_ellipsised(std::string_view full, std::string_view shown) {
    if (!g_audit) return;
    const ImGuiContext* g = ImGui::GetCurrentContext();
    g_audit->add_ellipsised(g && g->CurrentWindow ? window_name(g->CurrentWindow) : std::string(), full, shown);
}

void note_finger_scroll() {
    if (!g_audit) return;
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (g && g->CurrentWindow) g_audit->add_finger_scroll(window_name(g->CurrentWindow));
}

}  // namespace qmi::ui
