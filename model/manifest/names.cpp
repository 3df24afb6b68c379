#include "names.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>

namespace podlab::manifest {

namespace {

bool isAlnumLower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return isAlnumLower(c) || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string maxLenError(size_t n) { return "must be no more than " + std::to_string(n) + " characters"; }

// "<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')", Kubernetes' RegexError, double space
// included.
std::string regexError(std::string_view msg, std::string_view format, std::initializer_list<std::string_view> examples)
{
    std::string out(msg);
    if (examples.size() == 0)
        return out + " (regex used for validation is '" + std::string(format) + "')";
    out += " (e.g. ";
    bool first = true;
    for (std::string_view e : examples) {
        if (!first)
            out += " or ";
        first = false;
        out += "'" + std::string(e) + "', ";
    }
    return out + "regex used for validation is '" + std::string(format) + "')";
}

constexpr std::string_view kDns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDns1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kLabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kLabelKeyErr =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool matchesDns1123Label(std::string_view v)
{
    if (v.empty() || !isAlnumLower(v.front()) || !isAlnumLower(v.back()))
        return false;
    for (char c : v)
        if (!isAlnumLower(c) && c != '-')
            return false;
    return true;
}

// _?[a-z0-9]([-_a-z0-9]*[a-z0-9])?
bool matchesDns1123LabelWithUnderscore(std::string_view v)
{
    if (!v.empty() && v.front() == '_')
        v.remove_prefix(1);
    if (v.empty() || !isAlnumLower(v.front()) || !isAlnumLower(v.back()))
        return false;
    for (char c : v)
        if (!isAlnumLower(c) && c != '-' && c != '_')
            return false;
    return true;
}

template <class LabelMatch>
bool matchesDottedLabels(std::string_view v, LabelMatch labelMatches)
{
    size_t start = 0;
    while (true) {
        const size_t dot = v.find('.', start);
        const std::string_view part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!labelMatches(part))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

bool matchesDns1123Subdomain(std::string_view v) { return matchesDottedLabels(v, matchesDns1123Label); }

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesLabelKeyName(std::string_view v)
{
    if (v.empty() || !isAlnum(v.front()) || !isAlnum(v.back()))
        return false;
    for (char c : v)
        if (!isAlnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

void hasChDirPrefix(std::string_view v, Messages& m)
{
    if (v == ".")
        m.push_back("must not be '.'");
    else if (v == "..")
        m.push_back("must not be '..'");
    else if (v.substr(0, 2) == "..")
        m.push_back("must not start with '..'");
}

} // namespace

std::string maskTrailingDash(std::string_view name)
{
    if (name.size() > 1 && name.back() == '-')
        return std::string(name.substr(0, name.size() - 2)) + "a";
    return std::string(name);
}

Messages isDns1123Label(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    if (!matchesDns1123Label(v)) {
        if (matchesDns1123Subdomain(v))
            m.push_back("must not contain dots");
        else
            m.push_back(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                                   "'-', and must start and end with an alphanumeric character",
                                   kDns1123LabelFmt, {"my-name", "123-abc"}));
    }
    return m;
}

Messages isDns1123Subdomain(std::string_view v)
{
    Messages m;
    if (v.size() > 253)
        m.push_back(maxLenError(253));
    if (!matchesDns1123Subdomain(v))
        m.push_back(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                               "'-' or '.', and must start and end with an alphanumeric character",
                               kDns1123SubdomainFmt, {"example.com"}));
    return m;
}

Messages isDns1123SubdomainWithUnderscore(std::string_view v)
{
    Messages m;
    if (v.size() > 253)
        m.push_back(maxLenError(253));
    if (!matchesDottedLabels(v, matchesDns1123LabelWithUnderscore))
        m.push_back(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                               "'_', '-' or '.', and must start and end with an alphanumeric character",
                               "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*",
                               {"example.com"}));
    return m;
}

Messages isDns1035Label(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    if (!(matchesDns1123Label(v) && v.front() >= 'a' && v.front() <= 'z'))
        m.push_back(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                               "with an alphabetic character, and end with an alphanumeric character",
                               "[a-z]([-a-z0-9]*[a-z0-9])?", {"my-name", "abc-123"}));
    return m;
}

Messages isQualifiedName(std::string_view v)
{
    Messages m;
    std::string_view name = v;
    const size_t slash = v.find('/');
    if (slash != std::string_view::npos) {
        if (v.find('/', slash + 1) != std::string_view::npos) {
            m.push_back("a valid label key " + regexError(kLabelKeyErr, kLabelKeyFmt, {"MyName", "my.name", "123-abc"}) +
                        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return m;
        }
        const std::string_view prefix = v.substr(0, slash);
        name = v.substr(slash + 1);
        if (prefix.empty())
            m.push_back("prefix part must be non-empty");
        else
            for (const std::string& msg : isDns1123Subdomain(prefix))
                m.push_back("prefix part " + msg);
    }
    if (name.empty())
        m.push_back("name part must be non-empty");
    else if (name.size() > 63)
        m.push_back("name part " + maxLenError(63));
    if (!matchesLabelKeyName(name))
        m.push_back("name part " + regexError(kLabelKeyErr, kLabelKeyFmt, {"MyName", "my.name", "123-abc"}));
    return m;
}

Messages isLabelValue(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    if (!v.empty() && !matchesLabelKeyName(v))
        m.push_back(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', "
                               "'_' or '.', and must start and end with an alphanumeric character",
                               "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", {"MyValue", "my_value", "12345"}));
    return m;
}

Messages isConfigMapKey(std::string_view v)
{
    Messages m;
    if (v.size() > 253)
        m.push_back(maxLenError(253));
    bool ok = !v.empty();
    for (char c : v)
        ok = ok && (isAlnum(c) || c == '-' || c == '_' || c == '.');
    if (!ok)
        m.push_back(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                               "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
    hasChDirPrefix(v, m);
    return m;
}

// The rule before 1.32 relaxed it, which apimachinery's IsEnvVarName still applies and kubectl checks the keys
// of an env file by.
Messages isStrictEnvVarName(std::string_view v)
{
    Messages m;
    bool ok = !v.empty() && !isDigit(v.front());
    for (char c : v)
        ok = ok && (isAlnum(c) || c == '-' || c == '_' || c == '.');
    if (!ok)
        m.push_back(regexError("a valid environment variable name must consist of alphabetic characters, digits, "
                               "'_', '-', or '.', and must not start with a digit",
                               "[-._a-zA-Z][-._a-zA-Z0-9]*", {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
    hasChDirPrefix(v, m);
    return m;
}

// Kubernetes 1.32 relaxed environment variable names (RelaxedEnvironmentVariableValidation, on by default):
// any printable ASCII character other than '='.
Messages isEnvVarName(std::string_view v)
{
    Messages m;
    if (v.empty())
        m.push_back("environment variable name must be non-empty");
    for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7E || c == '=') {
            m.push_back("a valid environment variable name must consist only of printable ASCII characters other "
                        "than '='");
            break;
        }
    }
    return m;
}

Messages isValidPortName(std::string_view v)
{
    Messages m;
    if (v.size() > 15)
        m.push_back(maxLenError(15));
    bool charset = !v.empty(), letter = false;
    for (char c : v) {
        charset = charset && (isAlnumLower(c) || c == '-');
        letter = letter || (c >= 'a' && c <= 'z');
    }
    if (!charset)
        m.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    if (!letter)
        m.push_back("must contain at least one letter (a-z)");
    if (v.find("--") != std::string_view::npos)
        m.push_back("must not contain consecutive hyphens");
    if (!v.empty() && (v.front() == '-' || v.back() == '-'))
        m.push_back("must not begin or end with a hyphen");
    return m;
}

Messages isValidPortNum(int64_t port)
{
    if (port < 1 || port > 65535)
        return {"must be between 1 and 65535, inclusive"};
    return {};
}

namespace {

// Go's net.ParseIP as Kubernetes calls it (ParseIPSloppy): IPv4 parts may carry leading zeros.
bool parseIPSloppy(std::string_view v)
{
    const std::string s(v);
    unsigned char buf[16];
    if (inet_pton(AF_INET6, s.c_str(), buf) == 1)
        return true;
    int parts = 0;
    size_t i = 0;
    while (i <= v.size()) {
        size_t digits = 0;
        int value = 0;
        while (i < v.size() && isDigit(v[i])) {
            value = std::min(value * 10 + (v[i] - '0'), 1000);
            ++i, ++digits;
        }
        if (digits == 0 || value > 255)
            return false;
        ++parts;
        if (i == v.size())
            return parts == 4;
        if (v[i] != '.' || parts == 4)
            return false;
        ++i;
    }
    return false;
}

} // namespace

Messages isValidIP(std::string_view v)
{
    if (parseIPSloppy(v))
        return {};
    return {"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"};
}

Messages isValidCIDR(std::string_view v)
{
    const size_t slash = v.find('/');
    bool ok = slash != std::string_view::npos && parseIPSloppy(v.substr(0, slash));
    if (ok) {
        const std::string_view bits = v.substr(slash + 1);
        const int max = v.substr(0, slash).find(':') != std::string_view::npos ? 128 : 32;
        int n = 0;
        ok = !bits.empty() && bits.size() <= 3;
        for (char c : bits)
            ok = ok && isDigit(c) && (n = n * 10 + (c - '0')) <= max;
    }
    if (ok)
        return {};
    return {"must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"};
}

Messages isValidPercent(std::string_view v)
{
    bool ok = v.size() >= 2 && v.back() == '%';
    for (size_t i = 0; ok && i + 1 < v.size(); ++i)
        ok = isDigit(v[i]);
    if (ok)
        return {};
    return {regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%",
                       {"1%", "93%"})};
}

Messages isHttpHeaderName(std::string_view v)
{
    bool ok = !v.empty();
    for (char c : v)
        ok = ok && (isAlnum(c) || c == '-');
    if (!ok)
        return {regexError("a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+",
                           {"X-Header-Name"})};
    return {};
}

} // namespace podlab::manifest
