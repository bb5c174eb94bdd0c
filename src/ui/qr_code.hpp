// QR code for the call-for-projects page: encoded ONCE per URL (libqrencode, ECC level M) into a module matrix,
// then drawn every frame as filled rectangles with ImGui's draw list: crisp at any size, dark on white, with the
// 4-module quiet zone the standard requires (phones fail to read codes pressed against other content).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace qmi::ui {

inline constexpr int kQrQuietZone = 4;  // modules of light margin on every side

struct QrMatrix {
    int size = 0;                      // modules per side, quiet zone excluded (21 for version 1, +4 per version)
    std::vector<std::uint8_t> dark;    // size*size, row-major, 1 = dark module
    std::string text;                  // what was encoded

    bool empty() const { return size == 0; }
    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x] != 0; }
};

// nullopt for an empty text, an embedded NUL, or text too long for any QR version (> ~2.3 kB at level M).
std::optional<QrMatrix> encode_qr(std::string_view text);

// Side in modules including both quiet zones.
inline int qr_total_modules(const QrMatrix& qr) { return qr.size + 2 * kQrQuietZone; }

// Draws `qr` (light background + quiet zone + dark modules) inside the square at `top_left` of side `side_px`.
// Modules are snapped to whole pixels when at least 1 px wide, and the code is centred in the square, so edges
// are sharp. Returns the rectangle actually covered by the light background. Does nothing for an empty matrix.
void draw_qr(ImDrawList* draw_list, const QrMatrix& qr, ImVec2 top_left, float side_px, ImU32 dark, ImU32 light);

// Caches the matrix of the last URL asked: the banner calls this each frame, libqrencode runs only when the URL
// changes (content reload, next call window).
class QrCache {
public:
    // nullptr when `url` is empty or cannot be encoded.
    const QrMatrix* get(std::string_view url);
    int encodes() const { return encodes_; }  // how many times libqrencode ran (tests check it stays at 1)

private:
    std::string url_;
    std::optional<QrMatrix> matrix_;
    bool valid_ = false;
    int encodes_ = 0;
};

}  // namespace qmi::ui
