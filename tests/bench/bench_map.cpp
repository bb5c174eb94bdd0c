// Prints how long each load step of the map takes on the offline mirror (no asserts: figures for humans).
// Usage: qmi_bench_map [geo_dir]   (default QMI_SOURCE_ROOT/../shared/data/geo)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/contour_files.hpp"
#include "core/geojson.hpp"
#include "core/hit_index.hpp"
#include "core/label_layout.hpp"
#include "core/map_cache.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"

using Clock = std::chrono::steady_clock;
static double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
    const std::filesystem::path geo = argc > 1 ? argv[1] : QMI_SOURCE_ROOT "/../shared/data/geo";
    auto t0 = Clock::now();
    qmi::MembershipLoad m = qmi::load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
    if (!m.membership) {
        std::printf("membership: %s\n", m.errors.empty() ? "?" : m.errors[0].message().c_str());
        return 1;
    }
    const qmi::MapMembership mm = qmi::to_map_membership(*m.membership);
    std::printf("membership      %8.1f ms\n", ms_since(t0));

    t0 = Clock::now();
    std::vector<qmi::DepartmentContours> inputs;
    size_t bytes = 0;
    for (const std::string& d : qmi::ile_de_france_departments()) {
        std::ifstream in(geo / ("communes-" + d + ".geojson"), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        bytes += s.str().size();
        qmi::GeoParse p = qmi::parse_feature_collection(s.str(), d);
        if (!p.collection) return 1;
        inputs.push_back({d, d, std::move(*p.collection)});
    }
    std::printf("parse GeoJSON   %8.1f ms (%zu bytes)\n", ms_since(t0), bytes);

    for (int run = 0; run < 3; ++run) {
        t0 = Clock::now();
        qmi::MapBuild b = qmi::build_map(inputs, mm);
        std::printf("build_map       %8.1f ms (run %d, %zu errors)\n", ms_since(t0), run, b.errors.size());
        if (!b.model) return 1;
        if (run == 2) {
            size_t tris = 0, verts = 0, outline_pts = 0;
            for (const auto& c : b.model->communes) {
                tris += c.triangles.size() / 3;
                for (const auto& p : c.polygons) {
                    verts += p.outer.size();
                    for (const auto& h : p.holes) verts += h.size();
                }
            }
            auto count = [&](const qmi::Outline& o) {
                for (const auto& r : o.rings) outline_pts += r.size();
            };
            for (const auto& o : b.model->territories) count(o);
            for (const auto& o : b.model->departments) count(o);
            count(b.model->metropole);
            std::printf("model: %zu communes (%zu members), %zu ring vertices, %zu triangles, %zu outline points\n",
                        b.model->communes.size(), b.model->metropole_count, verts, tris, outline_pts);
            for (const auto& e : b.errors) std::printf("  %s\n", e.message().c_str());
            double km2 = 0;
            for (size_t i = 0; i < b.model->metropole_count; ++i) km2 += b.model->communes[i].area_m2 / 1e6;
            std::printf("Métropole %.1f km², Paris %.1f km², Saint-Denis %.1f km²\n", km2,
                        b.model->communes[*b.model->find("75056")].area_m2 / 1e6,
                        b.model->communes[*b.model->find("93066")].area_m2 / 1e6);

            const std::string key = qmi::map_input_key({"bench"}, mm);
            t0 = Clock::now();
            const std::string bytes = qmi::encode_map_model(*b.model, key);
            std::printf("encode cache    %8.1f ms (%zu bytes)\n", ms_since(t0), bytes.size());
            t0 = Clock::now();
            std::string why;
            auto back = qmi::decode_map_model(bytes, key, &why);
            std::printf("decode cache    %8.1f ms (%s)\n", ms_since(t0), back ? "ok" : why.c_str());
            t0 = Clock::now();
            qmi::HitIndex index(*b.model);
            std::printf("hit index       %8.1f ms\n", ms_since(t0));
            t0 = Clock::now();
            auto layout = qmi::layout_labels(*b.model, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                             [](std::string_view s) { return qmi::Vec2{8.0 * s.size(), 18}; },
                                             {1920.0 / b.model->metropole_bbox.width(), 4, false});
            std::printf("label layout    %8.1f ms (%zu labels)\n", ms_since(t0), layout.labels.size());
        }
    }
    return 0;
}
