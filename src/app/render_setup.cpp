#include "app/render_setup.hpp"

#include <cstdlib>
#include <string>

namespace qmi::app {

RenderSetup render_setup(const Options& o) {
    RenderSetup r;
    r.target_msaa = o.msaa;
    auto on = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v && std::string(v) != "0";
    };
    r.partial_frames = !on("QMI_FULL_FRAMES");
    r.copy_present = !on("QMI_PRESENT_SWAP");
    return r;
}

sf::ContextSettings gl_settings(unsigned msaa) {
    sf::ContextSettings s;
    s.antialiasingLevel = msaa;
    s.majorVersion = 2;
    s.minorVersion = 1;
    return s;
}

}  // namespace qmi::app
