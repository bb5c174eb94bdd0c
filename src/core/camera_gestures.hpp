// The bridge from recognised gestures to the map camera: what the frame loop calls with
// GestureRecognizer::take_actions(). A pinch step arrives as PanBy immediately followed by ZoomAt (the recognizer
// merges a frame's movement into that pair); both go to Camera::pan_zoom together, so the point under the fingers
// stays under them. Lone PanBy / ZoomAt go to pan_by / zoom_at.
#pragma once
#include <vector>

#include "core/camera.hpp"
#include "core/gestures.hpp"

namespace qmi {

// Applies the PanBy / ZoomAt actions to `camera`, in order; returns the others (Tap, DoubleTap), in order, for the
// caller to handle.
std::vector<GestureAction> apply_camera_gestures(Camera& camera, const std::vector<GestureAction>& actions);

}  // namespace qmi
