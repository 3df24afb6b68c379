#include "imagereference.h"

#include <algorithm>
#include <cctype>

namespace podlab::sim {

namespace {

constexpr std::string_view kDefaultDomain = "docker.io";
constexpr std::string_view kLegacyDefaultDomain = "index.docker.io";
constexpr std::string_view kOfficialRepoPrefix = "library/";
constexpr size_t kNameTotalLengthMax = 255;

bool isLowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isAlnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool isWordChar(char c)
{
    return isAlnum(c) || c == '_';
}
bool isHex(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool isLowerHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

std::string toLower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// The grammar below mirrors distribution/reference's regular expressions one by one; each function matches
// its whole argument.

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [._] | __ | -+
bool matchesPathComponent(std::string_view s)
{
    size_t i = 0;
    auto alnumRun = [&] {
        const size_t start = i;
        while (i < s.size() && isLowerAlnum(s[i]))
            ++i;
        return i > start;
    };
    if (!alnumRun())
        return false;
    while (i < s.size()) {
        if (s[i] == '.') {
            ++i;
        } else if (s[i] == '_') {
            ++i;
            if (i < s.size() && s[i] == '_')
                ++i;
        } else if (s[i] == '-') {
            while (i < s.size() && s[i] == '-')
                ++i;
        } else {
            return false;
        }
        if (!alnumRun())
            return false;
    }
    return true;
}

bool matchesPath(std::string_view s)
{
    size_t start = 0;
    while (true) {
        const size_t slash = s.find('/', start);
        if (!matchesPathComponent(s.substr(start, slash == std::string_view::npos ? slash : slash - start)))
            return false;
        if (slash == std::string_view::npos)
            return true;
        start = slash + 1;
    }
}

// domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool matchesDomainComponent(std::string_view s)
{
    if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isAlnum(c) || c == '-'; });
}

// domain := (domain-name | "[" ipv6 "]") (":" port)?
bool matchesDomain(std::string_view s)
{
    std::string_view host = s;
    if (!s.empty() && s.front() == '[') {
        const size_t close = s.find(']');
        if (close == std::string_view::npos || close == 1)
            return false;
        const std::string_view inside = s.substr(1, close - 1);
        if (!std::all_of(inside.begin(), inside.end(), [](char c) { return isHex(c) || c == ':'; }))
            return false;
        host = {};
        s = s.substr(close + 1);
    } else {
        const size_t colon = s.find(':');
        host = s.substr(0, colon);
        s = colon == std::string_view::npos ? std::string_view() : s.substr(colon);
        size_t start = 0;
        while (true) {
            const size_t dot = host.find('.', start);
            if (!matchesDomainComponent(
                    host.substr(start, dot == std::string_view::npos ? dot : dot - start)))
                return false;
            if (dot == std::string_view::npos)
                break;
            start = dot + 1;
        }
    }
    if (s.empty())
        return true;
    if (s.front() != ':' || s.size() < 2)
        return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// tag := [\w][\w.-]{0,127}
bool matchesTag(std::string_view s)
{
    if (s.empty() || s.size() > 128 || !isWordChar(s.front()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isWordChar(c) || c == '.' || c == '-'; });
}

// digest := algorithm ":" hex{32,}, algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
bool matchesDigest(std::string_view s)
{
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view algorithm = s.substr(0, colon);
    const std::string_view hex = s.substr(colon + 1);
    if (hex.size() < 32 || !std::all_of(hex.begin(), hex.end(), isHex))
        return false;
    bool atComponentStart = true;
    for (char c : algorithm) {
        if (atComponentStart) {
            if (!std::isalpha(static_cast<unsigned char>(c)))
                return false;
            atComponentStart = false;
        } else if (c == '-' || c == '_' || c == '+' || c == '.') {
            atComponentStart = true;
        } else if (!isAlnum(c)) {
            return false;
        }
    }
    return !algorithm.empty() && !atComponentStart;
}

struct Match {
    std::string_view name;
    std::string_view tag;
    std::string_view digest;
};

// The whole of ReferenceRegexp: name (":" tag)? ("@" digest)?. Name components never hold ':' or '@' and a
// tag never holds '/', so the split points are unambiguous: a ':' after the last '/' starts the tag.
bool matchReference(std::string_view s, Match& out)
{
    const size_t at = s.find('@');
    std::string_view nameAndTag = s.substr(0, at);
    if (at != std::string_view::npos) {
        out.digest = s.substr(at + 1);
        if (!matchesDigest(out.digest))
            return false;
    }
    const size_t lastSlash = nameAndTag.rfind('/');
    const size_t colon = nameAndTag.rfind(':');
    if (colon != std::string_view::npos && (lastSlash == std::string_view::npos || colon > lastSlash)) {
        out.tag = nameAndTag.substr(colon + 1);
        nameAndTag = nameAndTag.substr(0, colon);
        if (!matchesTag(out.tag))
            return false;
    }
    out.name = nameAndTag;
    const size_t slash = nameAndTag.find('/');
    if (slash != std::string_view::npos && matchesDomain(nameAndTag.substr(0, slash)) &&
        matchesPath(nameAndTag.substr(slash + 1)))
        return true;
    return matchesPath(nameAndTag);
}

// go-digest's Digest.Validate, for the algorithms containerd knows.
std::string validateDigest(std::string_view digest)
{
    const size_t colon = digest.find(':');
    const std::string_view algorithm = digest.substr(0, colon);
    const std::string_view encoded = digest.substr(colon + 1);
    size_t hexLength = 0;
    if (algorithm == "sha256")
        hexLength = 64;
    else if (algorithm == "sha384")
        hexLength = 96;
    else if (algorithm == "sha512")
        hexLength = 128;
    else
        return "unsupported digest algorithm";
    if (encoded.size() != hexLength)
        return "invalid checksum digest length";
    if (!std::all_of(encoded.begin(), encoded.end(), isLowerHex))
        return "invalid checksum digest format";
    return {};
}

bool isIdentifier(std::string_view s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), isLowerHex);
}

} // namespace

std::variant<ImageReference, ImageReference::Error> ImageReference::parse(std::string_view text)
{
    if (isIdentifier(text))
        return Error{"invalid repository name (" + std::string(text) +
                     "), cannot specify 64-byte hexadecimal strings"};

    // splitDockerDomain: the first component is a registry host only if it looks like one.
    std::string domain;
    std::string remainder;
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos) {
        domain = kDefaultDomain;
        remainder = std::string(kOfficialRepoPrefix) + std::string(text);
    } else {
        const std::string_view first = text.substr(0, slash);
        const std::string_view rest = text.substr(slash + 1);
        if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos ||
            toLower(first) != first) {
            domain = first == kLegacyDefaultDomain ? kDefaultDomain : first;
            remainder = rest;
        } else {
            domain = kDefaultDomain;
            remainder = text;
        }
        if (domain == kDefaultDomain && remainder.find('/') == std::string::npos)
            remainder = std::string(kOfficialRepoPrefix) + remainder;
    }

    const std::string remote = remainder.substr(0, remainder.find(':'));
    if (toLower(remote) != remote)
        return Error{"invalid reference format: repository name (" + remote + ") must be lowercase"};

    const std::string full = domain + '/' + remainder;
    Match match;
    if (!matchReference(full, match)) {
        Match lowered;
        if (matchReference(toLower(full), lowered))
            return Error{"repository name must be lowercase"};
        return Error{"invalid reference format"};
    }
    if (match.name.size() > kNameTotalLengthMax)
        return Error{"repository name must not be more than 255 characters"};
    if (!match.digest.empty()) {
        std::string problem = validateDigest(match.digest);
        if (!problem.empty())
            return Error{std::move(problem)};
    }

    ImageReference ref;
    const size_t nameSlash = match.name.find('/');
    if (nameSlash != std::string_view::npos && matchesDomain(match.name.substr(0, nameSlash)) &&
        matchesPath(match.name.substr(nameSlash + 1))) {
        ref.m_domain = match.name.substr(0, nameSlash);
        ref.m_path = match.name.substr(nameSlash + 1);
    } else {
        // A first component that failed as a host but passes as a path component ("my_registry.io/app") is
        // kept as part of the path, as distribution/reference does.
        ref.m_path = match.name;
    }
    ref.m_tag = match.tag;
    ref.m_digest = match.digest;
    return ref;
}

std::string ImageReference::effectiveTag() const
{
    if (!m_tag.empty() || !m_digest.empty())
        return m_tag;
    return "latest";
}

std::string ImageReference::toString() const
{
    std::string out = repository();
    const std::string tag = effectiveTag();
    if (!tag.empty())
        out += ':' + tag;
    if (!m_digest.empty())
        out += '@' + m_digest;
    return out;
}

std::string ImageReference::familiarString() const
{
    std::string out;
    if (m_domain == kDefaultDomain) {
        out = m_path.starts_with(kOfficialRepoPrefix) &&
                      m_path.find('/', kOfficialRepoPrefix.size()) == std::string::npos
                  ? m_path.substr(kOfficialRepoPrefix.size())
                  : m_path;
    } else {
        out = repository();
    }
    if (!m_tag.empty())
        out += ':' + m_tag;
    if (!m_digest.empty())
        out += '@' + m_digest;
    return out;
}

namespace {

// Go's %q, for the text an image field can hold: control characters escaped, UTF-8 kept.
std::string goQuote(std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    return out + '"';
}

} // namespace

std::string kubeletInvalidNameMessage(std::string_view image, const ImageReference::Error& error)
{
    const std::string quoted = goQuote(image);
    return "Failed to apply default image tag " + quoted + ": couldn't parse image reference " + quoted +
           ": " + error.message;
}

} // namespace podlab::sim
