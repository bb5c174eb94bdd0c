#include "render/screen_damage.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::render {

PixelRect PixelRect::united(const PixelRect& o) const {
    if (o.empty()) return *this;
    if (empty()) return o;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
}

PixelRect PixelRect::intersected(const PixelRect& o) const {
    const PixelRect r{std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
    return r.empty() ? PixelRect{} : r;
}

PixelRect PixelRect::covering(double x0, double y0, double x1, double y1) {
    // Clamped far beyond any screen before the int conversion: a runaway coordinate must not overflow.
    auto lo = [](double v) { return static_cast<int>(std::floor(std::clamp(v, -1e8, 1e8))); };
    auto hi = [](double v) { return static_cast<int>(std::ceil(std::clamp(v, -1e8, 1e8))); };
    const PixelRect r{lo(x0), lo(y0), hi(x1), hi(y1)};
    return r.empty() ? PixelRect{} : r;
}

void merge_close(std::vector<PixelRect>& rects) {
    auto area = [](const PixelRect& r) { return static_cast<long>(r.width()) * r.height(); };
    for (bool merged = true; merged;) {
        merged = false;
        for (size_t i = 0; i < rects.size() && !merged; ++i)
            for (size_t j = i + 1; j < rects.size() && !merged; ++j) {
                const PixelRect u = rects[i].united(rects[j]);
                // A quarter more than the two, plus a few rows' worth: one paint instead of two.
                if (area(u) <= (area(rects[i]) + area(rects[j])) * 5 / 4 + 4096) {
                    rects[i] = u;
                    rects.erase(rects.begin() + static_cast<long>(j));
                    merged = true;
                }
            }
    }
}

void ScreenDamage::reset(PixelRect screen) {
    screen_ = screen;
    current_ = screen;
    known_ = 0;
}

PixelRect ScreenDamage::repaint(unsigned age) const {
    if (age == 0 || age - 1 > known_ || age > kHistory + 1) return screen_;
    PixelRect r = current_;
    for (unsigned i = 0; i + 1 < age; ++i) r = r.united(history_[i]);
    return r;
}

void ScreenDamage::presented() {
    std::rotate(history_.rbegin(), history_.rbegin() + 1, history_.rend());
    history_[0] = current_;
    known_ = std::min(known_ + 1, kHistory);
    current_ = {};
}

}  // namespace qmi::render
