#include "render/widget_damage.hpp"

#include <algorithm>
#include <cstring>

#include <imgui.h>

namespace qmi::render {

namespace {

// A fast 64-bit hash of raw bytes, 8 at a time (not cryptographic: it only has to notice that a list changed).
uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xFF51AFD7ED558CCDull;
}

uint64_t hash_bytes(uint64_t h, const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        h = mix(h, v);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    return mix(h, tail ^ n);
}

struct Summary {
    uint64_t hash = 0;
    PixelRect extent;
};

Summary summarise(const ImDrawList& l) {
    Summary s;
    s.hash = hash_bytes(0, l.VtxBuffer.Data, static_cast<size_t>(l.VtxBuffer.Size) * sizeof(ImDrawVert));
    s.hash = hash_bytes(s.hash, l.IdxBuffer.Data, static_cast<size_t>(l.IdxBuffer.Size) * sizeof(ImDrawIdx));
    // The extent: where its vertices lie, within the clip rectangles of its commands.
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (const ImDrawVert& v : l.VtxBuffer) {
        x0 = std::min(x0, v.pos.x);
        y0 = std::min(y0, v.pos.y);
        x1 = std::max(x1, v.pos.x);
        y1 = std::max(y1, v.pos.y);
    }
    PixelRect clips;
    for (const ImDrawCmd& c : l.CmdBuffer) {
        // The callback and user data pointers mean nothing across frames; what the command draws does.
        const float cmd[4] = {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w};
        s.hash = hash_bytes(s.hash, cmd, sizeof cmd);
        const uint64_t fields[4] = {reinterpret_cast<uint64_t>(c.TextureId), c.VtxOffset, c.IdxOffset, c.ElemCount};
        s.hash = hash_bytes(s.hash, fields, sizeof fields);
        if (c.ElemCount > 0) clips = clips.united(PixelRect::covering(c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w));
    }
    // Antialiased edges reach half a pixel beyond the vertices' positions.
    if (x0 <= x1) s.extent = PixelRect::covering(x0 - 1, y0 - 1, x1 + 1, y1 + 1).intersected(clips);
    return s;
}

}  // namespace

void WidgetDamage::compare(const ImDrawData& data, ScreenDamage& damage, const ImDrawList* follows_map) {
    std::vector<ListState> now;
    now.reserve(static_cast<size_t>(std::max(0, data.CmdListsCount)));
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList* l = data.CmdLists[i];
        const Summary s = summarise(*l);
        now.push_back({l, s.hash, s.extent});
        const size_t at = static_cast<size_t>(i);
        const bool same = at < previous_.size() && previous_[at].list == l && previous_[at].hash == s.hash &&
                          previous_[at].extent == s.extent;
        if (same || l == follows_map) continue;
        damage.add(s.extent);
        if (at < previous_.size()) damage.add(previous_[at].extent);
    }
    for (size_t i = now.size(); i < previous_.size(); ++i) damage.add(previous_[i].extent);  // lists gone
    previous_ = std::move(now);
}

std::vector<PixelRect> WidgetDamage::extents_meeting(const PixelRect& r, const ImDrawList* except) const {
    std::vector<PixelRect> out;
    for (const ListState& s : previous_)
        if (s.list != except && !s.extent.intersected(r).empty()) out.push_back(s.extent);
    return out;
}

void clip_draw_data(ImDrawData& data, const PixelRect& region) {
    for (int i = 0; i < data.CmdListsCount; ++i) {
        for (ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) {
            const PixelRect r = PixelRect::covering(c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w);
            const PixelRect k = r.intersected(region);
            if (k.empty()) {
                c.ClipRect = ImVec4(0, 0, 0, 0);
            } else if (!(k == r)) {
                c.ClipRect = ImVec4(std::max(c.ClipRect.x, static_cast<float>(k.x0)),
                                    std::max(c.ClipRect.y, static_cast<float>(k.y0)),
                                    std::min(c.ClipRect.z, static_cast<float>(k.x1)),
                                    std::min(c.ClipRect.w, static_cast<float>(k.y1)));
            }
        }
    }
}

}  // namespace qmi::render
