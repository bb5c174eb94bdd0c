#include "app/render_setup.hpp"

#include <cstdlib>
#include <string>

namespace qmi::app {

RenderSetup render_setup(const Options& o) {
    RenderSetup r;
    if (const char* env = std::getenv("QMI_MAP_CACHE"); env && std::string(env) == "0") r.map_cache = false;
    r.target_msaa = r.map_cache ? 0 : o.msaa;
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
