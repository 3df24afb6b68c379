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
    const auto fail = [&](size_t offset) -> std::optional<std::string> {
        if (badOffset)
            *badOffset = offset;
        return std::nullopt;
    };
    std::string out;
    out.reserve(text.size() / 4 * 3);
    size_t i = 0;
    // Go skips \r and \n anywhere, even between the two '=' of the padding.
    const auto skipLineBreaks = [&] {
        while (i < text.size() && (text[i] == '\r' || text[i] == '\n'))
            ++i;
    };
    // Quanta of four characters, as Go's decoder reads them; the offsets it reports follow from that.
    while (true) {
        uint32_t quantum = 0;
        size_t count = 0; // characters of this quantum so far
        while (count < 4) {
            if (i == text.size()) {
                if (count == 0)
                    return out;
                return fail(i - count); // a quantum cut short: where its characters began, line breaks aside
            }
            const char c = text[i++];
            if (c == '\r' || c == '\n')
                continue;
            if (c == '=') {
                // The end: "xx==" or "xxx=", then nothing but line breaks.
                if (count < 2)
                    return fail(i - 1);
                if (count == 2) {
                    skipLineBreaks();
                    if (i == text.size())
                        return fail(text.size());
                    if (text[i] != '=')
                        return fail(i - 1);
                    ++i;
                }
                skipLineBreaks();
                if (i < text.size())
                    return fail(i);
                out += char((quantum >> (count == 2 ? 4 : 10)) & 0xFF);
                if (count == 3)
                    out += char((quantum >> 2) & 0xFF);
                return out;
            }
            const int8_t v = value[uint8_t(c)];
            if (v < 0)
                return fail(i - 1);
            quantum = (quantum << 6) | uint32_t(v);
            ++count;
        }
        out += char(quantum >> 16);
        out += char((quantum >> 8) & 0xFF);
        out += char(quantum & 0xFF);
    }
}

} // namespace podlab::manifest
