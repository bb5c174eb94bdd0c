// A contact sheet: frames the kiosk drew, scaled down into a grid with a caption under each and a title on top,
// written as one PNG (qmi-kiosk proof). Composed on the CPU (stb_image_resize for the thumbnails, stb_truetype and
// the kiosk's own Open Sans for the captions): no GL state is shared with the kiosk that drew the frames.
#pragma once
#include <string>
#include <vector>

#include <SFML/Graphics/Image.hpp>

#include "ui/layout.hpp"

namespace qmi::app {

class ContactSheet {
public:
    // `title`: one or two lines ('\n') over the grid. `thumb_width`: width of each frame in the sheet (px);
    // `columns`: frames per row.
    ContactSheet(std::string title, int thumb_width, int columns);

    // Adds a frame. `caption`: one or two lines under it. `marks`: boxes (frame pixels) outlined in red, where the
    // proof found a problem; `flagged`: the caption is red and the frame framed in red.
    void add(const sf::Image& frame, std::string caption, const std::vector<ui::Rect>& marks = {},
             bool flagged = false);
    size_t size() const { return frames_.size(); }

    // Writes the sheet (RGB PNG, atomically); "" on success, else one line.
    std::string write(const std::string& path) const;

private:
    struct Frame {
        int w = 0, h = 0;
        std::vector<unsigned char> rgba;  // already scaled to the thumbnail size
        std::string caption;
        bool flagged = false;
    };
    std::string title_;
    int thumb_width_;
    int columns_;
    std::vector<Frame> frames_;
};

}  // namespace qmi::app
