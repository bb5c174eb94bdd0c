// The five screens the kiosk must serve, with their physical sizes: shared by the layout, legibility and widget
// tests so that every one of them checks the same set.
#pragma once
#include <string>
#include <vector>

#include "core/screen_geometry.hpp"

namespace qmi::test {

struct TargetScreen {
    const char* name;
    double width_px, height_px, diagonal_in;
    ScreenGeometry geometry() const {
        return screen_geometry(width_px, height_px, diagonal_in, std::nullopt, 0);
    }
};

inline const std::vector<TargetScreen>& target_screens() {
    static const std::vector<TargetScreen> screens = {
        {"32in 1366x768", 1366, 768, 32},
        {"19in 1280x1024", 1280, 1024, 19},
        {"43in 1920x1080", 1920, 1080, 43},
        {"55in portrait 1080x1920", 1080, 1920, 55},
        {"55in 3840x2160", 3840, 2160, 55},
    };
    return screens;
}

}  // namespace qmi::test
