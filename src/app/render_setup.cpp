#include "app/render_setup.hpp"

#include <cstdlib>
#include <string>

namespace qmi::app {

RenderSetup render_setup(const Options& o) {
    RenderSetup r;
    r.target_msaa = o.msaa;
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
