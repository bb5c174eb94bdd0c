// Ed25519 detached signatures (libsodium) for the content feed: staff sign the exact bytes of a content file, the
// kiosk accepts downloaded bytes only when their signature verifies against the public key in its settings.
// Keys and signatures travel as base64 text (standard alphabet, padded) so they fit in JSON settings and .sig files;
// surrounding whitespace (a trailing newline from an editor) is ignored. Nothing here throws or logs.
#pragma once
#include <string>
#include <string_view>

namespace qmi {

struct SigningKeys {
    std::string public_b64;  // 32-byte Ed25519 public key, base64 (44 characters)
    std::string secret_b64;  // 64-byte libsodium secret key (seed + public key), base64 (88 characters)
};

// A fresh random key pair.
SigningKeys generate_signing_keys();

struct SignResult {
    std::string signature_b64;  // base64 of the 64-byte detached signature; empty on error
    std::string error;          // one line when the secret key is not usable
    bool ok() const { return error.empty(); }
};

// Signs `message` byte for byte.
SignResult sign_detached(std::string_view message, std::string_view secret_key_b64);

struct VerifyResult {
    bool ok = false;
    std::string error;  // "public key is not base64", "signature does not match the content", ...
};

// True only when `signature_b64` is a valid Ed25519 signature of exactly `message` under `public_key_b64`.
VerifyResult verify_detached(std::string_view message, std::string_view signature_b64,
                             std::string_view public_key_b64);

}  // namespace qmi
