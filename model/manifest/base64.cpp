#include "base64.h"

#include <array>

namespace podlab::manifest {

namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (i < bytes.size()) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size())
            v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        if (i + 1 < bytes.size())
            out += alphabet[(v >> 6) & 63];
        else if (pad)
            out += '=';
        if (pad)
            out += '=';
    }
    return out;
}

} // namespace

std::string base64Encode(std::string_view bytes) { return encode(bytes, kStandard, true); }

std::string base64UrlEncode(std::string_view bytes) { return encode(bytes, kUrl, false); }

std::optional<std::string> base64Decode(std::string_view text, size_t* badOffset)
{
    std::array<int8_t, 256> value;
    value.fill(-1);
    for (size_t i = 0; i < kStandard.size(); ++i)
        value[uint8_t(kStandard[i])] = int8_t(i);
    std::string out;
    out.reserve(text.size() / 4 * 3);
    uint32_t acc = 0;
    int bits = 0;
    size_t i = 0;
    // Go ignores \r and \n inside base64 data.
    size_t significant = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n')
            continue;
        if (c == '=')
            break;
        const int8_t v = value[uint8_t(c)];
        if (v < 0) {
            if (badOffset)
                *badOffset = i;
            return std::nullopt;
        }
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        ++significant;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    // Padding: exactly enough '=' to complete the last quantum, then nothing else.
    size_t padding = 0;
    const size_t padStart = i;
    for (; i < text.size(); ++i) {
        if (text[i] == '\r' || text[i] == '\n')
            continue;
        if (text[i] != '=') {
            if (badOffset)
                *badOffset = i;
            return std::nullopt;
        }
        ++padding;
    }
    const size_t remainder = significant % 4;
    const bool ok = (remainder == 0 && padding == 0) || (remainder == 2 && padding == 2) ||
                    (remainder == 3 && padding == 1);
    if (!ok) {
        if (badOffset)
            *badOffset = remainder == 1 ? padStart - 1 : padStart;
        return std::nullopt;
    }
    return out;
}

} // namespace podlab::manifest
