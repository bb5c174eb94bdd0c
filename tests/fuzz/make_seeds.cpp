// Writes the fuzzers' seed corpora from the project's own files, so that each fuzzer starts from inputs that get
// deep into its parser: config/*.json, maps/membership.json, the synthetic map's contour files and the map-model.bin
// built from them, a signed cache file and a high-water file, and input scripts like the tests'. Nothing from
// outside the repository. Usage: qmi_fuzz_seeds OUT_DIR  (creates OUT_DIR/<target>/...)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/synthetic_arrondissements.hpp"
#include "../support/synthetic_map.hpp"
#include "core/content_store.hpp"
#include "core/map_cache.hpp"
#include "fuzz_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void seed(const fs::path& dir, const std::string& name, const std::string& bytes) {
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace qmi;
    if (argc != 2) {
        std::fprintf(stderr, "usage: qmi_fuzz_seeds OUT_DIR\n");
        return 2;
    }
    const fs::path out = argv[1];
    const fs::path root = QMI_SOURCE_ROOT;

    // content: the bundled file, the membership (another valid JSON document), a cache file and a high-water file.
    const std::string content = slurp(root / "config" / "content.json");
    seed(out / "content", "content.json", content);
    seed(out / "content", "membership.json", slurp(root / "maps" / "membership.json"));
    seed(out / "content", "cache.signed", encode_signed_content(content, std::string(86, 'A') + "=="));
    seed(out / "content", "high-water.json",
         encode_high_water({"2024-02-06.1", "2024-02-06T00:00:00+01:00", {}}));

    // geojson: the first byte picks the department (index in ile_de_france_departments()).
    const MapMembership& mm = fuzz::map_membership();
    const auto& departments = ile_de_france_departments();
    for (size_t i = 0; i < departments.size(); ++i)
        seed(out / "geojson", "communes-" + departments[i] + ".geojson",
             std::string(1, static_cast<char>(i)) + test::synthetic_department(mm, departments[i]));

    seed(out / "geojson", "arrondissements-75.geojson", std::string(1, '\0') + test::synthetic_arrondissements());

    // map_model: a whole map-model.bin of the synthetic map (Paris in place, with its arrondissements), and its
    // payload alone.
    std::vector<DepartmentContours> inputs;
    for (const std::string& d : departments) {
        GeoParse parsed = parse_feature_collection(
            d == "75" ? test::synthetic_department_75_with_paris(mm) : test::synthetic_department(mm, d), d);
        if (!parsed.collection) return 1;
        inputs.push_back({d, d, std::move(*parsed.collection)});
    }
    GeoParse arr = parse_feature_collection(test::synthetic_arrondissements(), "arrondissements");
    if (!arr.collection) return 1;
    const ArrondissementContours arrondissements{"arrondissements", std::move(*arr.collection)};
    const MapBuild built = build_map(inputs, mm, &arrondissements);
    if (!built.model) {
        std::fprintf(stderr, "qmi_fuzz_seeds: the synthetic map does not build: %s\n",
                     built.errors.empty() ? "?" : built.errors.front().message().c_str());
        return 1;
    }
    const std::string model = encode_map_model(*built.model, std::string(32, 'k'));
    seed(out / "map_model", "map-model.bin", model);
    seed(out / "map_model", "payload.bin", model.substr(8 + 4 + 4 + 32 + 8 + 32));

    // input_script: what the tests replay (fingers, mouse, wheel, keys, close).
    seed(out / "input_script", "tap.jsonl",
         "{\"t\":0.10,\"type\":\"down\",\"id\":1,\"x\":960,\"y\":540}\n"
         "{\"t\":0.18,\"type\":\"up\",\"id\":1,\"x\":960,\"y\":540}\n");
    seed(out / "input_script", "pinch.jsonl",
         "{\"t\":0.0,\"type\":\"down\",\"id\":1,\"x\":800,\"y\":500}\n"
         "{\"t\":0.0,\"type\":\"down\",\"id\":2,\"x\":1100,\"y\":600}\n"
         "{\"t\":0.2,\"type\":\"move\",\"id\":2,\"x\":1300,\"y\":700}\n"
         "{\"t\":0.4,\"type\":\"cancel\",\"id\":1,\"x\":800,\"y\":500}\n"
         "{\"t\":0.5,\"type\":\"up\",\"id\":2,\"x\":1300,\"y\":700}\n");
    seed(out / "input_script", "mouse.jsonl",
         "{\"t\":0.1,\"type\":\"mouse\",\"action\":\"down\",\"button\":0,\"x\":10,\"y\":10}\n"
         "{\"t\":0.2,\"type\":\"wheel\",\"delta\":-1.5,\"x\":900,\"y\":500}\n"
         "{\"t\":0.3,\"type\":\"key\",\"key\":\"Escape\",\"ctrl\":true}\n"
         "{\"t\":0.4,\"type\":\"close\"}\n");

    // settings: the committed kiosk.json and one with every key set.
    seed(out / "settings", "kiosk.json", slurp(root / "config" / "kiosk.json"));
    seed(out / "settings", "full.json",
         "{\"language\":\"en\",\"idle_timeout_s\":120,\"attract_step_s\":5,\"dpi\":96.5,\"map_source\":\"/srv/geo\","
         "\"map_update_period_s\":86400,\"staff\":{\"pin_hash\":\"\",\"corner_hold_s\":3,\"max_pin_attempts\":5,"
         "\"lockout_s\":30},\"content_feed\":{\"url\":\"https://example.org/qmi/content.json\",\"period_s\":600,"
         "\"public_key\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\",\"ca_file\":\"\"},\"$comment\":\"x\"}");
    std::printf("seeds written to %s\n", out.c_str());
    return 0;
}
