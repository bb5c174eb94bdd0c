#include "core/camera_gestures.hpp"

namespace qmi {

std::vector<GestureAction> apply_camera_gestures(Camera& camera, const std::vector<GestureAction>& actions) {
    std::vector<GestureAction> rest;
    for (size_t i = 0; i < actions.size(); ++i) {
        const GestureAction& a = actions[i];
        if (a.kind == GestureAction::PanBy) {
            if (i + 1 < actions.size() && actions[i + 1].kind == GestureAction::ZoomAt) {
                const GestureAction& z = actions[i + 1];
                camera.pan_zoom({a.delta.x, a.delta.y}, {z.pos.x, z.pos.y}, z.factor);
                ++i;
            } else {
                camera.pan_by({a.delta.x, a.delta.y});
            }
        } else if (a.kind == GestureAction::ZoomAt) {
            camera.zoom_at({a.pos.x, a.pos.y}, a.factor);
        } else {
            rest.push_back(a);
        }
    }
    return rest;
}

}  // namespace qmi
