#include "app/png_file.hpp"

#include <filesystem>
#include <system_error>

#include <stb_image_write.h>

namespace qmi::app {

std::string write_png(const unsigned char* pixels, int width, int height, int channels, const std::string& path) {
    const std::string tmp = path + ".tmp";
    if (!stbi_write_png(tmp.c_str(), width, height, channels, pixels, width * channels)) return "cannot write " + tmp;
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return "cannot rename " + tmp + " to " + path + ": " + ec.message();
    }
    return "";
}

std::string write_png(const sf::Image& image, const std::string& path) {
    const sf::Vector2u size = image.getSize();
    return write_png(image.getPixelsPtr(), static_cast<int>(size.x), static_cast<int>(size.y), 4, path);
}

}  // namespace qmi::app
