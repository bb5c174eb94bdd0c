// qmi-kiosk proof FILE --out DIR: the screen staff check before they publish a content file. The real kiosk (Kiosk,
// offscreen, as --screenshot draws it) shows the file's programme at 1920x1080, 1080x1920 and 1366x768, in French
// and English:
//   - every district card (and the overview), at the instant of each state the banner goes through (before, open,
//     last day, between, after: core/banner_instants) and at --now;
//   - every attract step, at --now, through the real attract loop (idle timeout, then one district per step);
//   - every banner state, over the overview.
// Each frame's text is audited (ui/text_audit: cut with "…", clipped by its box, hidden past it, a missing glyph)
// and the findings are reported one line each (app/proof_report), in DIR/proof.txt and on stdout. The frames drawn
// at --now and the banner states go into contact sheets, DIR/<size>-<lang>-{cards,attract,banner}.png.
//
// qmi-kiosk publish FILE --key KEY: --check-config's validation of FILE, then its proof (refused on any error), then
// sign-content. The one command staff run before uploading a signed update.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include <SFML/Graphics/RenderTexture.hpp>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include "app/contact_sheet.hpp"
#include "app/frame_loop.hpp"
#include "app/kiosk.hpp"
#include "app/kiosk_clock.hpp"
#include "app/modes.hpp"
#include "app/png_file.hpp"
#include "app/proof_report.hpp"
#include "app/staff_tools.hpp"
#include "app/x_display.hpp"
#include "core/atomic_file.hpp"
#include "core/banner_instants.hpp"
#include "core/call_state.hpp"
#include "core/content_loader.hpp"
#include "core/paris_time.hpp"
#include "ui/glyph_coverage.hpp"
#include "ui/text_audit.hpp"

namespace qmi::app {

namespace {

namespace fs = std::filesystem;

// The kiosk's three formats, each at the size of the screen it is sold on (README, "Sizes on screen"), so that text
// takes the millimetres it takes on a real kiosk. kiosk.json's screen_diagonal_in, when set, replaces the diagonals.
struct ProofScreen {
    unsigned w, h;
    double diagonal_in;
};
constexpr ProofScreen kScreens[] = {{1920, 1080, 43}, {1080, 1920, 55}, {1366, 768, 32}};

// The attract loop, quickened: what each step shows does not depend on how long it stays.
constexpr int kAttractIdle_s = 1;
constexpr int kAttractStep_s = 2;

std::string size_name(const ProofScreen& s) { return std::to_string(s.w) + "x" + std::to_string(s.h); }

const char* phase_label(BannerState::Phase p) {
    switch (p) {
        case BannerState::None: return "no call";
        case BannerState::Before: return "before";
        case BannerState::Open: return "open";
        case BannerState::LastDay: return "last day";
        case BannerState::Between: return "between";
        case BannerState::After: return "after";
    }
    return "?";
}

std::string paris(date::sys_seconds t) { return date::format("%Y-%m-%d %H:%M", to_paris_local(t)); }

// One instant the kiosk is drawn at.
struct Moment {
    date::sys_seconds at;
    BannerState::Phase phase;
    bool now = false;  // --now (or the clock): the cards and attract sheets
    std::string label() const {
        return now ? "now (" + std::string(phase_label(phase)) + ")" : std::string(phase_label(phase));
    }
};

// --check-config's verdict on the content file: the same loader, membership and fonts' coverage as start-up.
ConfigErrors validate(const Options& o) {
    MembershipLoad m = load_membership(o.root / "maps" / "membership.json");
    if (!m.membership) return m.errors;
    return load_content_file(o.proof_file, o.proof_file.string(), *m.membership, ui::kiosk_glyph_predicate()).errors;
}

std::vector<ui::Rect> marks_of(const std::vector<ui::TextFinding>& findings) {
    std::vector<ui::Rect> r;
    for (const ui::TextFinding& f : findings)
        if (f.error()) r.push_back(f.box);
    return r;
}

int error_count(const std::vector<ui::TextFinding>& findings) {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [](const ui::TextFinding& f) { return f.error(); }));
}

// "1 error" / "3 errors", "" for none.
std::string errors_caption(int n) {
    return n == 0 ? std::string() : " · " + std::to_string(n) + (n == 1 ? " error" : " errors");
}

class Proof {
public:
    Proof(const Options& o, const RenderSetup& setup, const KioskData& data) : o_(o), setup_(setup), data_(data) {}

    // Draws and audits everything; false (logged) when a frame could not be drawn or a sheet written.
    bool run(date::sys_seconds now) {
        std::vector<Moment> moments;
        for (const BannerInstant& i : banner_instants(data_.content.call_windows, now))
            moments.push_back({i.at, i.phase, false});
        moments.push_back({now, banner_state(data_.content.call_windows, now).phase, true});

        std::vector<ProofScreen> screens(std::begin(kScreens), std::end(kScreens));
        if (o_.width) {
            screens.erase(std::remove_if(screens.begin(), screens.end(),
                                         [&](const ProofScreen& s) { return s.w != o_.width || s.h != o_.height; }),
                          screens.end());
            if (screens.empty()) screens.push_back({o_.width, o_.height, 43});
        }
        for (ProofScreen& s : screens)
            if (data_.settings.screen_diagonal_in) s.diagonal_in = *data_.settings.screen_diagonal_in;
        std::vector<Lang> langs = {Lang::Fr, Lang::En};
        if (o_.lang) langs = {*o_.lang};

        for (const ProofScreen& screen : screens)
            for (Lang lang : langs)
                if (!run_screen(screen, lang, moments)) return false;
        return true;
    }

    const ProofReport& report() const { return report_; }
    const std::vector<std::string>& sheets() const { return sheets_; }
    std::string screens_line() const { return screens_line_; }

private:
    bool run_screen(const ProofScreen& screen, Lang lang, const std::vector<Moment>& moments) {
        sf::RenderTexture target;
        if (!target.create(screen.w, screen.h, gl_settings(setup_.target_msaa))) {
            spdlog::error("proof: cannot create a {}x{} offscreen target", screen.w, screen.h);
            return false;
        }
        target.setActive(true);
        const std::string size = size_name(screen);
        const bool portrait = screen.h > screen.w;
        const int thumb = portrait ? 324 : 576;
        const int columns = portrait ? 5 : 3;
        const Content& content = data_.content;
        const double px_per_mm = screen.w / (screen.diagonal_in * 25.4 *
                                             screen.w / std::hypot(static_cast<double>(screen.w), screen.h));
        const std::string screen_text = size + ", " + std::to_string(static_cast<int>(screen.diagonal_in)) +
                                        "\" screen (" + std::to_string(static_cast<int>(std::lround(px_per_mm * 25.4))) +
                                        " dpi)";
        if (screens_line_.find(size) == std::string::npos)
            screens_line_ += (screens_line_.empty() ? "" : "; ") + screen_text;
        const std::string head = "QMI kiosk proof · content " + content.version + " (" + o_.proof_file.filename().string() +
                                 ") · " + screen_text + " · " + (lang == Lang::En ? "English" : "French");
        const Moment& now = moments.back();
        ContactSheet cards(head + "\nThe overview and every district card at " + paris(now.at) + " (" +
                               phase_label(now.phase) + "); every card is also checked in every banner state",
                           thumb, columns);
        ContactSheet attract(head + "\nEvery step of the attract loop, at " + paris(now.at), thumb, columns);
        ContactSheet banner(head + "\nEvery state of the call-for-projects banner, over the overview", thumb, columns);

        for (const Moment& m : moments) {
            std::optional<Kiosk> kiosk;
            if (!make_kiosk(kiosk, screen, lang, m.at)) return false;
            // The overview, then each district's card.
            const std::string state = m.label();
            for (int d = -1; d < static_cast<int>(content.districts.size()); ++d) {
                std::string subject = "overview";
                if (d >= 0) {
                    const District& district = content.districts[d];
                    subject = "card " + district.insee + " " + district.commune;
                    if (!kiosk->select_by_code_or_name(district.insee)) {
                        spdlog::error("proof: {} {} is not on the map", district.insee, district.commune);
                        return false;
                    }
                    kiosk->settle();
                }
                const bool in_sheet = m.now || d < 0;
                sf::Image image;
                const std::vector<ui::TextFinding> found = audit(*kiosk, in_sheet ? &target : nullptr, &image);
                report_.add(size, lang, subject, state, found);
                const std::string caption = subject + "\n" + state + " · " + paris(m.at) +
                                            errors_caption(error_count(found));
                if (m.now) cards.add(image, caption, marks_of(found), error_count(found) > 0);
                if (d < 0 && !m.now) banner.add(image, caption, marks_of(found), error_count(found) > 0);
                if (in_sheet && !write_frame(image, size, lang, d < 0 && !m.now ? "banner " + state : subject)) return false;
            }
            if (m.now && !attract_steps(*kiosk, target, size, lang, m, attract)) return false;
        }
        for (auto& [sheet, name] : {std::pair{&cards, "cards"}, std::pair{&attract, "attract"},
                                    std::pair{&banner, "banner"}}) {
            if (sheet->size() == 0) continue;
            const std::string path = (o_.proof_out / (size + "-" + lang_code(lang) + "-" + name + ".png")).string();
            if (const std::string e = sheet->write(path); !e.empty()) {
                spdlog::error("proof: {}", e);
                return false;
            }
            sheets_.push_back(path);
        }
        spdlog::info("proof: {} {} drawn ({} frames so far, the text audit {:.1f} ms a frame)", size, lang_code(lang),
                     report_.frames(), audit_ms_ / std::max(1, report_.frames()));
        return true;
    }

    bool make_kiosk(std::optional<Kiosk>& kiosk, const ProofScreen& screen, Lang lang, date::sys_seconds at) {
        KioskData data = data_;
        data.settings.screen_diagonal_in = screen.diagonal_in;
        data.settings.dpi.reset();
        data.settings.idle_timeout_s = kAttractIdle_s;
        data.settings.attract_step_s = kAttractStep_s;
        kiosk.emplace(std::move(data), KioskClock(at), lang, setup_, false);
        kiosk->prepare(screen.w, screen.h);
        if (!kiosk->init_gpu()) {
            spdlog::error("proof: the kiosk could not set up OpenGL");
            return false;
        }
        return true;
    }

    // One complete frame, audited; rendered into `target` and read back into `image` when `target` is given.
    std::vector<ui::TextFinding> audit(Kiosk& kiosk, sf::RenderTexture* target, sf::Image* image) {
        ImGui::SetCurrentContext(kiosk.widgets().imgui_context());
        ui::TextAudit audit;
        if (target) {
            draw_complete_frame(kiosk, *target);
            target->display();
            *image = target->getTexture().copyToImage();
        } else {
            kiosk.build_frame(1.0 / 60);
            kiosk.apply_actions();
            kiosk.build_frame(1.0 / 60);
        }
        const Stopwatch inspecting;
        std::vector<ui::TextFinding> found = audit.inspect();
        audit_ms_ += inspecting.ms();
        return found;
    }

    // The attract loop as a visitor who walked away would see it: the idle timeout passes, the loop glides back to
    // the overview and presents one district per step. Each step is drawn once it starts.
    bool attract_steps(Kiosk& kiosk, sf::RenderTexture& target, const std::string& size, Lang lang, const Moment& m,
                       ContactSheet& sheet) {
        const std::vector<District>& districts = data_.content.districts;
        if (districts.empty()) return true;
        FrameClock clock = FrameClock::fixed_step(0.25);
        InputGatherer input(nullptr, std::nullopt, 0.0, "");
        std::vector<bool> shown(districts.size(), false);
        size_t count = 0;
        bool ok = true;
        std::string last;
        const double limit = kAttractIdle_s + 5.0 + kAttractStep_s * (static_cast<double>(districts.size()) + 2);
        FrameHooks hooks;
        hooks.stop = [&](double t) {
            const nlohmann::json st = kiosk.state();
            const auto h = st.find("highlighted");
            if (st.value("attract_active", false) && h != st.end() && h->is_string() && *h != last) {
                last = *h;
                for (size_t d = 0; d < districts.size(); ++d) {
                    const std::string& c = districts[d].commune;
                    if (shown[d] || (last != c && last.rfind(c + " \xC2\xB7 ", 0) != 0)) continue;
                    shown[d] = true;
                    ++count;
                    kiosk.settle();
                    sf::Image image;
                    std::vector<ui::TextFinding> found = audit(kiosk, &target, &image);
                    // The card beside the attract card is the overview's, whose scrolling is reported with it.
                    found.erase(std::remove_if(found.begin(), found.end(),
                                               [](const ui::TextFinding& f) { return !f.error(); }),
                                found.end());
                    const std::string subject = "attract " + std::to_string(count) + "/" +
                                                std::to_string(districts.size()) + " " + districts[d].insee + " " + c;
                    report_.add(size, lang, subject, m.label(), found);
                    sheet.add(image, subject + "\n" + m.label() + " · " + paris(m.at) + errors_caption(error_count(found)),
                              marks_of(found), error_count(found) > 0);
                    ok = ok && write_frame(image, size, lang, subject);
                    break;
                }
            }
            return !ok || count == districts.size() || t > limit;
        };
        run_frames(kiosk, clock, input, {}, DrawPolicy::Headless, hooks);
        if (!ok) return false;
        if (count < districts.size()) {
            spdlog::error("proof: the attract loop showed {} of the {} districts", count, districts.size());
            return false;
        }
        return true;
    }

    // --frames: DIR/frames/1366x768-en-card-94033-fontenay-sous-bois.png and the like.
    bool write_frame(const sf::Image& image, const std::string& size, Lang lang, const std::string& what) const {
        if (!o_.proof_frames) return true;
        std::string name = size + "-" + lang_code(lang) + "-";
        for (char c : what) {
            const unsigned char u = static_cast<unsigned char>(c);
            if (std::isalnum(u)) name += static_cast<char>(std::tolower(u));
            else if (u < 0x80 && !name.empty() && name.back() != '-') name += '-';
        }
        while (!name.empty() && name.back() == '-') name.pop_back();
        std::error_code ec;
        fs::create_directories(o_.proof_out / "frames", ec);
        if (const std::string e = write_png(image, (o_.proof_out / "frames" / (name + ".png")).string()); !e.empty()) {
            spdlog::error("proof: {}", e);
            return false;
        }
        return true;
    }

    const Options& o_;
    RenderSetup setup_;
    const KioskData& data_;
    ProofReport report_;
    double audit_ms_ = 0;  // inspecting the frames, for the log
    std::vector<std::string> sheets_;
    std::string screens_line_;
};

// Writes `lines` to DIR/proof.txt and stdout. "" or the reason it could not be written.
std::string publish_report(const fs::path& dir, const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& l : lines) text += l + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return write_file_atomically(dir / "proof.txt", text, 0644);
}

// 0: every text whole; 1: errors found; 2: could not run. `invalid` is set when the file does not validate.
int proof(const Options& o, const RenderSetup& setup, const char* command) {
    const ConfigErrors invalid = validate(o);
    if (!invalid.empty()) {
        for (const ConfigError& e : invalid) std::printf("%s\n", e.message().c_str());
        std::printf("%s: %s is not valid content (%zu error%s): nothing drawn\n", command, o.proof_file.c_str(),
                    invalid.size(), invalid.size() == 1 ? "" : "s");
        return 1;
    }
    KioskDataLoad load = load_kiosk_data(o.root, true, o.proof_file);
    for (const std::string& w : load.warnings) spdlog::warn("{}", w);
    if (!load.data) {
        spdlog::error("{}: {}", command, load.fatal);
        return 2;
    }
    std::optional<KioskClock> clock = make_clock(o);
    if (!clock) return 2;
    if (const std::string problem = x_display_problem(); !problem.empty()) {
        spdlog::error("{}: {}", command, problem);
        return 2;
    }
    std::error_code ec;
    fs::create_directories(o.proof_out, ec);
    if (ec) {
        spdlog::error("{}: cannot create {}: {}", command, o.proof_out.string(), ec.message());
        return 2;
    }

    Proof p(o, setup, *load.data);
    const date::sys_seconds now = clock->now();
    if (!p.run(now)) return 2;
    const ProofReport& r = p.report();
    std::vector<std::string> lines = {
        "proof of " + o.proof_file.string() + ": content " + load.data->content.version + ", published " +
            load.data->content.published,
        "screens: " + p.screens_line() + "; cards drawn at " + paris(now) + " (Paris) and in every banner state",
    };
    const std::vector<std::string> found = r.lines();
    lines.insert(lines.end(), found.begin(), found.end());
    lines.push_back(std::to_string(r.errors()) + " error" + (r.errors() == 1 ? "" : "s") + ", " +
                    std::to_string(r.notes()) + " note" + (r.notes() == 1 ? "" : "s") + " in " +
                    std::to_string(r.frames()) + " frames; " + std::to_string(p.sheets().size()) +
                    " contact sheets in " + o.proof_out.string());
    if (const std::string e = publish_report(o.proof_out, lines); !e.empty()) {
        spdlog::error("{}: {}", command, e);
        return 2;
    }
    return r.errors() == 0 ? 0 : 1;
}

}  // namespace

int run_proof(const Options& o, const RenderSetup& setup) { return proof(o, setup, "proof"); }

int run_publish(const Options& o, const RenderSetup& setup) {
    if (o.width || o.lang) {
        std::fprintf(stderr, "publish: the proof before signing covers every size and language: drop --size and "
                             "--lang (qmi-kiosk proof takes them)\n");
        return 2;
    }
    // The key first: a missing key must not cost a whole proof.
    if (const FileRead key = read_file_capped(o.sign_key, 4096); !key.bytes) {
        std::fprintf(stderr, "publish: %s\n", key.error.c_str());
        return 2;
    }
    Options with_out = o;
    if (with_out.proof_out.empty()) with_out.proof_out = o.proof_file.string() + ".proof";
    const int verdict = proof(with_out, setup, "publish");
    if (verdict == 1) {
        std::printf("publish: not signed: fix the errors above (sheets in %s), then publish again\n",
                    with_out.proof_out.c_str());
        return 1;
    }
    if (verdict != 0) return 2;
    return run_sign_content(o.sign_key, o.proof_file, o.root) == 0 ? 0 : 2;
}

}  // namespace qmi::app
