#include "names.h"

#include <arpa/inet.h>
#include <regex>

namespace podlab::manifest {

namespace {

bool isAlnumLower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return isAlnumLower(c) || (c >= 'A' && c <= 'Z'); }

std::string maxLenError(size_t n) { return "must be no more than " + std::to_string(n) + " characters"; }

bool matchesDns1123Label(std::string_view v)
{
    if (v.empty() || !isAlnumLower(v.front()) || !isAlnumLower(v.back()))
        return false;
    for (char c : v)
        if (!isAlnumLower(c) && c != '-')
            return false;
    return true;
}

// [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? (and the empty string when `allowEmpty`)
bool matchesQualifiedPart(std::string_view v)
{
    if (v.empty() || !isAlnum(v.front()) || !isAlnum(v.back()))
        return false;
    for (char c : v)
        if (!isAlnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

} // namespace

Messages isDns1123Label(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    if (!matchesDns1123Label(v))
        m.push_back("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    return m;
}

Messages isDns1123Subdomain(std::string_view v)
{
    Messages m;
    if (v.size() > 253)
        m.push_back(maxLenError(253));
    bool ok = !v.empty();
    size_t start = 0;
    while (ok && start <= v.size()) {
        const size_t dot = v.find('.', start);
        const std::string_view part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        ok = matchesDns1123Label(part);
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    if (!ok)
        m.push_back("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    return m;
}

Messages isDns1035Label(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    const bool ok = matchesDns1123Label(v) && v.front() >= 'a' && v.front() <= 'z';
    if (!ok)
        m.push_back("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                    "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    return m;
}

Messages isQualifiedName(std::string_view v)
{
    Messages m;
    std::string_view name = v;
    const size_t slash = v.find('/');
    if (slash != std::string_view::npos) {
        if (v.find('/', slash + 1) != std::string_view::npos) {
            m.push_back("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start "
                        "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                        "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS "
                        "subdomain prefix and '/' (e.g. 'example.com/MyName')");
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
    if (!name.empty() && !matchesQualifiedPart(name))
        m.push_back("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    return m;
}

Messages isLabelValue(std::string_view v)
{
    Messages m;
    if (v.size() > 63)
        m.push_back(maxLenError(63));
    if (!v.empty() && !matchesQualifiedPart(v))
        m.push_back("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
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
        m.push_back("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  "
                    "or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    if (v == ".")
        m.push_back("must not be '.'");
    else if (v == "..")
        m.push_back("must not be '..'");
    else if (v.substr(0, 2) == "..")
        m.push_back("must not start with '..'");
    return m;
}

// Kubernetes 1.32 relaxed environment variable names (RelaxedEnvironmentVariableValidation, on by default):
// any printable ASCII character other than '='.
Messages isEnvVarName(std::string_view v)
{
    Messages m;
    bool ok = !v.empty();
    for (char c : v)
        ok = ok && c >= 0x20 && c <= 0x7E && c != '=';
    if (!ok)
        m.push_back("a valid environment variable name must consist only of printable ASCII characters other than '='");
    return m;
}

Messages isValidPortName(std::string_view v)
{
    Messages m;
    if (v.size() < 1 || v.size() > 15)
        m.push_back("must be no more than 15 characters");
    bool ok = true, letter = false;
    for (char c : v) {
        ok = ok && (isAlnumLower(c) || c == '-');
        letter = letter || (c >= 'a' && c <= 'z');
    }
    if (!ok)
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

Messages isValidIP(std::string_view v)
{
    const std::string s(v);
    unsigned char buf[16];
    if (inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1)
        return {};
    return {"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"};
}

Messages isHttpHeaderName(std::string_view v)
{
    bool ok = !v.empty();
    for (char c : v)
        ok = ok && (isAlnum(c) || c == '-');
    if (!ok)
        return {"a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name',  regex "
                "used for validation is '[-A-Za-z0-9]+')"};
    return {};
}

} // namespace podlab::manifest
