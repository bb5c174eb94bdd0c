#include "app/input_gatherer.hpp"

#include <limits>

#include <poll.h>
#include <spdlog/spdlog.h>

namespace qmi::app {

KeyChord key_chord(const sf::Event::KeyEvent& k) {
    KeyChord c;
    c.ctrl = k.control;
    c.alt = k.alt;
    c.shift = k.shift;
    c.system = k.system;
    using K = sf::Keyboard;
    if (k.code >= K::A && k.code <= K::Z) {
        c.key = std::string(1, static_cast<char>('A' + (k.code - K::A)));
    } else if (k.code >= K::Num0 && k.code <= K::Num9) {
        c.key = std::string(1, static_cast<char>('0' + (k.code - K::Num0)));
    } else if (k.code >= K::Numpad0 && k.code <= K::Numpad9) {
        c.key = std::string(1, static_cast<char>('0' + (k.code - K::Numpad0)));
    } else if (k.code >= K::F1 && k.code <= K::F12) {
        c.key = "F" + std::to_string(1 + (k.code - K::F1));
    } else {
        switch (k.code) {
            case K::Escape: c.key = "Escape"; break;
            case K::Tab: c.key = "Tab"; break;
            case K::Enter: c.key = "Enter"; break;
            case K::Backspace: c.key = "Backspace"; break;
            case K::Space: c.key = "Space"; break;
            case K::Delete: c.key = "Delete"; break;
            // Navigation keys: what presenter clickers send (core/presenter_tour).
            case K::PageUp: c.key = "PageUp"; break;
            case K::PageDown: c.key = "PageDown"; break;
            case K::Left: c.key = "Left"; break;
            case K::Right: c.key = "Right"; break;
            case K::Up: c.key = "Up"; break;
            case K::Down: c.key = "Down"; break;
            case K::Home: c.key = "Home"; break;
            case K::End: c.key = "End"; break;
            case K::Period: c.key = "Period"; break;
            case K::LSystem:
            case K::RSystem: c.key = "Super"; break;
            default: c.key = "Other"; break;
        }
    }
    return c;
}

InputGatherer::InputGatherer(sf::Window* window, std::optional<InputScript> replay, double start_t,
                             std::string record_path)
    : window_(window), record_path_(std::move(record_path)) {
    if (window_) {
        touch_ = std::make_unique<XiTouchSource>(static_cast<unsigned long>(window_->getSystemHandle()));
        spdlog::info("{}", touch_->description());
    }
    if (replay) replay_.emplace(std::move(replay->events), start_t);
    if (!record_path_.empty()) recorder_.emplace(start_t);
}

void InputGatherer::gather(double now, FrameInput& out) {
    out.events.clear();
    out.resized.reset();
    out.focus_lost = false;
    out.focus_gained = false;
    auto push = [&](InputEvent e) {
        if (recorder_) recorder_->add(e, now);
        out.events.push_back(std::move(e));
    };
    if (touch_) {
        touch_buf_.clear();
        touch_->poll(touch_buf_, now);
        for (const PointerEvent& p : touch_buf_) {
            InputEvent e;
            e.kind = InputEvent::Pointer;
            e.t = p.t;
            e.pointer = p;
            push(e);
        }
    }
    if (window_) {
        sf::Event ev;
        while (window_->pollEvent(ev)) {
            InputEvent e;
            e.t = now;
            switch (ev.type) {
                case sf::Event::MouseButtonPressed:
                case sf::Event::MouseButtonReleased:
                    // Left button only (the map and ImGui need no other); dropped while a finger is down, in
                    // case the server emulates the mouse for touches anyway (a tap would count twice).
                    if (ev.mouseButton.button != sf::Mouse::Left || touch_recent(now)) break;
                    e.kind = InputEvent::Pointer;
                    e.pointer = {0, ev.type == sf::Event::MouseButtonPressed ? PointerEvent::Down : PointerEvent::Up,
                                 {static_cast<float>(ev.mouseButton.x), static_cast<float>(ev.mouseButton.y)}, now,
                                 PointerEvent::Mouse};
                    push(e);
                    break;
                case sf::Event::MouseMoved:
                    if (touch_recent(now)) break;
                    e.kind = InputEvent::Pointer;
                    e.pointer = {0, PointerEvent::Move,
                                 {static_cast<float>(ev.mouseMove.x), static_cast<float>(ev.mouseMove.y)}, now,
                                 PointerEvent::Mouse};
                    push(e);
                    break;
                case sf::Event::MouseWheelScrolled:
                    if (ev.mouseWheelScroll.wheel != sf::Mouse::VerticalWheel) break;
                    e.kind = InputEvent::Wheel;
                    e.wheel = {{static_cast<float>(ev.mouseWheelScroll.x), static_cast<float>(ev.mouseWheelScroll.y)},
                               ev.mouseWheelScroll.delta, now};
                    push(e);
                    break;
                case sf::Event::KeyPressed:
                    e.kind = InputEvent::Key;
                    e.key = key_chord(ev.key);
                    push(e);
                    break;
                case sf::Event::Closed:
                    e.kind = InputEvent::Close;
                    push(e);
                    break;
                case sf::Event::Resized: out.resized = sf::Vector2u(ev.size.width, ev.size.height); break;
                case sf::Event::LostFocus: out.focus_lost = true; break;
                case sf::Event::GainedFocus: out.focus_gained = true; break;
                default: break;
            }
        }
    }
    if (replay_) {
        for (InputEvent& e : replay_->poll(now)) {
            if (recorder_) recorder_->add(e, now);
            out.events.push_back(std::move(e));
        }
    }
}

double InputGatherer::next_scripted() const {
    return replay_ ? replay_->next_time() : std::numeric_limits<double>::infinity();
}

void InputGatherer::wait(std::chrono::milliseconds d, int window_fd, int window_queued) {
    const bool fresh = window_queued > 0 && window_queued != stale_queued_;
    stale_queued_ = window_queued;
    if (fresh || (touch_ && touch_->events_queued()) || d.count() <= 0) return;
    pollfd fds[2];
    nfds_t n = 0;
    if (window_fd >= 0) fds[n++] = {window_fd, POLLIN, 0};
    if (touch_ && touch_->connection_fd() >= 0) fds[n++] = {touch_->connection_fd(), POLLIN, 0};
    // A signal (SIGTERM) interrupts it: the loop then sees the stop at once.
    ::poll(fds, n, static_cast<int>(d.count()));
}

std::string InputGatherer::save_recording() const {
    if (!recorder_) return "";
    return recorder_->save(record_path_);
}

}  // namespace qmi::app
