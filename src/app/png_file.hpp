// Writes what the kiosk drew as a PNG file, atomically: written beside the destination, then renamed, so a reader
// (a test, the README, a proof sheet) never sees half a picture.
#pragma once
#include <string>

#include <SFML/Graphics/Image.hpp>

namespace qmi::app {

// "" on success, else one line for the log.
std::string write_png(const sf::Image& image, const std::string& path);
// The same for rows of `channels` bytes a pixel (3: RGB, 4: RGBA), top row first.
std::string write_png(const unsigned char* pixels, int width, int height, int channels, const std::string& path);

}  // namespace qmi::app
