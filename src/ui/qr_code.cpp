#include "ui/qr_code.hpp"

#include <cmath>

#include <qrencode.h>

namespace qmi::ui {

std::optional<QrMatrix> encode_qr(std::string_view text) {
    if (text.empty() || text.find('\0') != std::string_view::npos) return std::nullopt;
    if (text.size() > 4096) return std::nullopt;  // far beyond QR capacity: don't even ask libqrencode
    const std::string str(text);
    // Version 0 = smallest that fits; 8-bit mode keeps the URL byte-exact (case-sensitive).
    QRcode* code = QRcode_encodeString(str.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return std::nullopt;
    QrMatrix m;
    m.size = code->width;
    m.text = str;
    m.dark.resize(static_cast<size_t>(m.size) * m.size);
    // libqrencode: one byte per module, bit 0 = dark; the other bits describe the module's role.
    for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1u;
    QRcode_free(code);
    return m;
}

void draw_qr(ImDrawList* dl, const QrMatrix& qr, ImVec2 top_left, float side_px, ImU32 dark, ImU32 light) {
    if (qr.empty() || side_px <= 0) return;
    const int total = qr_total_modules(qr);
    float module = side_px / static_cast<float>(total);
    if (module >= 1.0f) module = std::floor(module);  // whole pixels: no blurred module edges
    const float drawn = module * total;
    const float x0 = std::round(top_left.x + (side_px - drawn) * 0.5f);
    const float y0 = std::round(top_left.y + (side_px - drawn) * 0.5f);
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + drawn, y0 + drawn), light);
    const float ox = x0 + kQrQuietZone * module;
    const float oy = y0 + kQrQuietZone * module;
    // One rectangle per horizontal run of dark modules: a few hundred quads instead of ~1000.
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.at(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < qr.size && qr.at(x, y)) ++x;
            dl->AddRectFilled(ImVec2(ox + start * module, oy + y * module), ImVec2(ox + x * module, oy + (y + 1) * module),
                              dark);
        }
    }
}

const QrMatrix* QrCache::get(std::string_view url) {
    if (!valid_ || url != url_) {
        url_ = std::string(url);
        matrix_ = url.empty() ? std::nullopt : encode_qr(url);
        if (!url.empty()) ++encodes_;
        valid_ = true;
    }
    return matrix_ ? &*matrix_ : nullptr;
}

}  // namespace qmi::ui
