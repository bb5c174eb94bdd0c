#include "core/signature.hpp"

#include <sodium.h>

#include <optional>
#include <vector>

namespace qmi {

namespace {

// sodium_init() is idempotent and thread-safe; it returns -1 only when no entropy source exists, in which case
// key generation must not pretend to work (verification needs no randomness).
bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n";
    const size_t first = s.find_first_not_of(ws);
    if (first == std::string_view::npos) return {};
    const size_t last = s.find_last_not_of(ws);
    return s.substr(first, last - first + 1);
}

std::string to_base64(const unsigned char* bytes, size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL written by libsodium
    return out;
}

// Exactly `expected` bytes or nullopt: a key or signature of the wrong length is as bad as garbage.
std::optional<std::vector<unsigned char>> from_base64(std::string_view text, size_t expected) {
    text = trim(text);
    std::vector<unsigned char> bytes(expected + 3);  // room to notice a value that is too long
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    if (end != text.data() + text.size() || len != expected) return std::nullopt;
    bytes.resize(len);
    return bytes;
}

}  // namespace

SigningKeys generate_signing_keys() {
    SigningKeys keys;
    if (!sodium_ready()) return keys;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    keys.public_b64 = to_base64(pk, sizeof pk);
    keys.secret_b64 = to_base64(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    return keys;
}

SignResult sign_detached(std::string_view message, std::string_view secret_key_b64) {
    SignResult result;
    if (!sodium_ready()) {
        result.error = "libsodium could not be initialised";
        return result;
    }
    auto sk = from_base64(secret_key_b64, crypto_sign_SECRETKEYBYTES);
    if (!sk) {
        result.error = "secret key is not base64 of " + std::to_string(crypto_sign_SECRETKEYBYTES) + " bytes";
        return result;
    }
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         sk->data());
    sodium_memzero(sk->data(), sk->size());
    result.signature_b64 = to_base64(sig, sizeof sig);
    return result;
}

VerifyResult verify_detached(std::string_view message, std::string_view signature_b64,
                             std::string_view public_key_b64) {
    VerifyResult result;
    if (!sodium_ready()) {
        result.error = "libsodium could not be initialised";
        return result;
    }
    auto pk = from_base64(public_key_b64, crypto_sign_PUBLICKEYBYTES);
    if (!pk) {
        result.error = "public key is not base64 of " + std::to_string(crypto_sign_PUBLICKEYBYTES) + " bytes";
        return result;
    }
    auto sig = from_base64(signature_b64, crypto_sign_BYTES);
    if (!sig) {
        result.error = "signature is not base64 of " + std::to_string(crypto_sign_BYTES) + " bytes";
        return result;
    }
    if (crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                    message.size(), pk->data()) != 0) {
        result.error = "signature does not match the content (wrong key or altered bytes)";
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace qmi
