#include "jsonpath.h"

#include "manifest/writer.h"

#include <algorithm>
#include <charconv>
#include <memory>

namespace podlab::sim::kubectl {

using api::Value;

namespace {

struct Filter {
    std::string path; // "@.status.phase" as steps below
    std::string op;   // "" for "exists", or ==, !=, <, >, <=, >=
    Value literal;
};

struct Step {
    enum class Kind { Field, Recursive, Wildcard, Index, Slice, Filter } kind = Kind::Field;
    std::string name;                        // Field, Recursive
    std::optional<long> start, end, step;    // Index (start), Slice
    std::shared_ptr<const std::vector<Step>> filterPath;
    std::string op;
    Value literal;
};

using Steps = std::vector<Step>;

} // namespace

struct JsonPath::Node {
    enum class Kind { Text, Path, Range, End } kind = Kind::Text;
    std::string text; // Text
    Steps steps;      // Path, Range
    bool literal = false;
    std::vector<std::shared_ptr<const Node>> children; // Range
};

namespace {

class Parser {
public:
    Parser(std::string_view s, std::string* error) : m_s(s), m_error(error) {}

    bool fail(const std::string& message)
    {
        if (m_error && m_error->empty())
            *m_error = message;
        return false;
    }

    static bool isNameChar(char c)
    {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/' || c == '$';
    }

    // A path inside an action, from `i` up to the end of the action's text.
    bool parsePath(std::string_view a, Steps& out)
    {
        size_t i = 0;
        while (i < a.size() && a[i] == ' ')
            ++i;
        if (i < a.size() && (a[i] == '@' || a[i] == '$'))
            ++i;
        if (i < a.size() && isNameChar(a[i]) && a[i] != '$') {
            // "{metadata.name}": a leading field without its dot.
            Step s;
            const size_t start = i;
            while (i < a.size() && isNameChar(a[i]))
                ++i;
            s.name = std::string(a.substr(start, i - start));
            out.push_back(std::move(s));
        }
        while (i < a.size()) {
            const char c = a[i];
            if (c == ' ') {
                ++i;
                continue;
            }
            if (c == '.') {
                Step s;
                ++i;
                if (i < a.size() && a[i] == '.') {
                    s.kind = Step::Kind::Recursive;
                    ++i;
                }
                if (i < a.size() && a[i] == '*') {
                    if (s.kind == Step::Kind::Recursive)
                        out.push_back(s);
                    Step w;
                    w.kind = Step::Kind::Wildcard;
                    out.push_back(w);
                    ++i;
                    continue;
                }
                const size_t start = i;
                while (i < a.size() && isNameChar(a[i]))
                    ++i;
                s.name = std::string(a.substr(start, i - start));
                if (s.name.empty() && s.kind == Step::Kind::Field)
                    continue; // "{.}" is the value itself
                out.push_back(std::move(s));
                continue;
            }
            if (c == '[') {
                const size_t close = matchingBracket(a, i);
                if (close == std::string_view::npos)
                    return fail("unterminated array");
                if (!parseBracket(a.substr(i + 1, close - i - 1), out))
                    return false;
                i = close + 1;
                continue;
            }
            return fail("unrecognized character in action: U+" + hex(c) + " '" + std::string(1, c) + "'");
        }
        return true;
    }

    static std::string hex(char c)
    {
        static const char* digits = "0123456789ABCDEF";
        const auto u = static_cast<unsigned char>(c);
        return std::string{'0', '0', digits[u >> 4], digits[u & 15]};
    }

    static size_t matchingBracket(std::string_view a, size_t open)
    {
        int depth = 0;
        char quote = 0;
        for (size_t i = open; i < a.size(); ++i) {
            if (quote) {
                if (a[i] == quote)
                    quote = 0;
                continue;
            }
            if (a[i] == '\'' || a[i] == '"')
                quote = a[i];
            else if (a[i] == '[')
                ++depth;
            else if (a[i] == ']' && --depth == 0)
                return i;
        }
        return std::string_view::npos;
    }

    static std::optional<long> number(std::string_view t)
    {
        while (!t.empty() && t.front() == ' ')
            t.remove_prefix(1);
        while (!t.empty() && t.back() == ' ')
            t.remove_suffix(1);
        if (t.empty())
            return std::nullopt;
        long v = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
        if (r.ec != std::errc() || r.ptr != t.data() + t.size())
            return std::nullopt;
        return v;
    }

    static Value literalOf(std::string_view t)
    {
        while (!t.empty() && t.front() == ' ')
            t.remove_prefix(1);
        while (!t.empty() && t.back() == ' ')
            t.remove_suffix(1);
        if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front())
            return Value(std::string(t.substr(1, t.size() - 2)));
        if (t == "true" || t == "false")
            return Value(t == "true");
        if (const auto n = number(t))
            return Value(int64_t(*n));
        double d = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), d);
        if (r.ec == std::errc() && r.ptr == t.data() + t.size())
            return Value(d);
        return Value(std::string(t));
    }

    bool parseBracket(std::string_view inside, Steps& out)
    {
        Step s;
        if (inside == "*") {
            s.kind = Step::Kind::Wildcard;
        } else if (inside.starts_with("?(") && inside.ends_with(")")) {
            s.kind = Step::Kind::Filter;
            std::string_view expr = inside.substr(2, inside.size() - 3);
            size_t opAt = std::string_view::npos;
            std::string op;
            char quote = 0;
            for (size_t i = 0; i < expr.size() && opAt == std::string_view::npos; ++i) {
                if (quote) {
                    quote = expr[i] == quote ? 0 : quote;
                    continue;
                }
                if (expr[i] == '"' || expr[i] == '\'') {
                    quote = expr[i];
                    continue;
                }
                for (const char* candidate : {"==", "!=", "<=", ">=", "<", ">"}) {
                    if (expr.substr(i).starts_with(candidate)) {
                        opAt = i;
                        op = candidate;
                        break;
                    }
                }
            }
            auto path = std::make_shared<Steps>();
            if (!parsePath(expr.substr(0, opAt), *path))
                return false;
            s.filterPath = path;
            if (opAt != std::string_view::npos) {
                s.op = op;
                s.literal = literalOf(expr.substr(opAt + op.size()));
            }
        } else if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') &&
                   inside.back() == inside.front()) {
            s.name = std::string(inside.substr(1, inside.size() - 2));
        } else if (inside.find(':') != std::string_view::npos) {
            s.kind = Step::Kind::Slice;
            const size_t a = inside.find(':');
            const size_t b = inside.find(':', a + 1);
            s.start = number(inside.substr(0, a));
            s.end = number(inside.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1));
            if (b != std::string_view::npos)
                s.step = number(inside.substr(b + 1));
        } else if (const auto n = number(inside)) {
            s.kind = Step::Kind::Index;
            s.start = *n;
        } else {
            return fail("invalid array index " + std::string(inside));
        }
        out.push_back(std::move(s));
        return true;
    }

    bool parse(std::vector<std::shared_ptr<const JsonPath::Node>>& top)
    {
        std::vector<std::vector<std::shared_ptr<const JsonPath::Node>>*> stack{&top};
        std::vector<std::shared_ptr<JsonPath::Node>> ranges;
        size_t i = 0;
        while (i < m_s.size()) {
            const size_t open = m_s.find('{', i);
            if (open != i) {
                auto text = std::make_shared<JsonPath::Node>();
                text->text = std::string(m_s.substr(i, open == std::string_view::npos ? std::string_view::npos : open - i));
                stack.back()->push_back(text);
                if (open == std::string_view::npos)
                    break;
            }
            // The action ends at the first '}' outside quotes.
            size_t close = std::string_view::npos;
            char quote = 0;
            for (size_t k = open + 1; k < m_s.size(); ++k) {
                if (quote) {
                    if (m_s[k] == '\\')
                        ++k;
                    else if (m_s[k] == quote)
                        quote = 0;
                    continue;
                }
                if (m_s[k] == '"' || m_s[k] == '\'')
                    quote = m_s[k];
                else if (m_s[k] == '}') {
                    close = k;
                    break;
                }
            }
            if (close == std::string_view::npos)
                return fail("unclosed action");
            std::string_view action = m_s.substr(open + 1, close - open - 1);
            while (!action.empty() && action.front() == ' ')
                action.remove_prefix(1);
            while (!action.empty() && action.back() == ' ')
                action.remove_suffix(1);
            i = close + 1;
            if (action == "end") {
                if (ranges.empty())
                    return fail("not in range, nothing to end");
                ranges.pop_back();
                stack.pop_back();
                continue;
            }
            auto node = std::make_shared<JsonPath::Node>();
            if (action.size() >= 2 && action.front() == '"' && action.back() == '"') {
                node->text = unescape(action.substr(1, action.size() - 2));
                stack.back()->push_back(node);
                continue;
            }
            if (action.starts_with("range ")) {
                node->kind = JsonPath::Node::Kind::Range;
                if (!parsePath(action.substr(6), node->steps))
                    return false;
                stack.back()->push_back(node);
                ranges.push_back(node);
                stack.push_back(&node->children);
                continue;
            }
            node->kind = JsonPath::Node::Kind::Path;
            if (!parsePath(action, node->steps))
                return false;
            stack.back()->push_back(node);
        }
        if (!ranges.empty())
            return fail("unexpected EOF in range");
        return true;
    }

    static std::string unescape(std::string_view s)
    {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\\' && i + 1 < s.size()) {
                const char c = s[++i];
                out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
            } else {
                out += s[i];
            }
        }
        return out;
    }

private:
    std::string_view m_s;
    std::string* m_error;
};

int compare(const Value& a, const Value& b, bool& comparable)
{
    comparable = true;
    auto number = [](const Value& v, double& out) {
        if (v.type() == Value::Type::Int)
            return out = double(v.asInt()), true;
        if (v.type() == Value::Type::Float)
            return out = v.asFloat(), true;
        return false;
    };
    double x = 0, y = 0;
    if (number(a, x) && number(b, y))
        return x < y ? -1 : (x > y ? 1 : 0);
    if (a.isString() && b.isString())
        return a.asString().compare(b.asString());
    comparable = a == b;
    return comparable ? 0 : 1;
}

std::vector<Value> evaluate(const Steps& steps, std::vector<Value> current);

void descend(const Value& v, std::vector<Value>& out)
{
    out.push_back(v);
    if (v.isObject()) {
        auto members = v.asObject();
        std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [k, m] : members)
            descend(m, out);
    } else if (v.isArray()) {
        for (const Value& m : v.asArray())
            descend(m, out);
    }
}

std::vector<Value> applyStep(const Step& s, const std::vector<Value>& current)
{
    std::vector<Value> next;
    switch (s.kind) {
    case Step::Kind::Field:
        for (const Value& v : current)
            if (const Value* m = v.find(s.name))
                next.push_back(*m);
        break;
    case Step::Kind::Recursive: {
        std::vector<Value> all;
        for (const Value& v : current)
            descend(v, all);
        if (s.name.empty())
            return all;
        for (const Value& v : all)
            if (const Value* m = v.find(s.name))
                next.push_back(*m);
        break;
    }
    case Step::Kind::Wildcard:
        for (const Value& v : current) {
            if (v.isArray()) {
                next.insert(next.end(), v.asArray().begin(), v.asArray().end());
            } else if (v.isObject()) {
                auto members = v.asObject();
                std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                for (const auto& [k, m] : members)
                    next.push_back(m);
            }
        }
        break;
    case Step::Kind::Index:
        for (const Value& v : current) {
            if (!v.isArray())
                continue;
            const long size = long(v.asArray().size());
            const long i = *s.start < 0 ? size + *s.start : *s.start;
            if (i >= 0 && i < size)
                next.push_back(v.asArray()[size_t(i)]);
        }
        break;
    case Step::Kind::Slice:
        for (const Value& v : current) {
            if (!v.isArray())
                continue;
            const long size = long(v.asArray().size());
            auto clamp = [&](long x) { return std::clamp(x < 0 ? size + x : x, 0L, size); };
            const long from = clamp(s.start.value_or(0));
            const long to = clamp(s.end.value_or(size));
            const long step = std::max(1L, s.step.value_or(1));
            for (long i = from; i < to; i += step)
                next.push_back(v.asArray()[size_t(i)]);
        }
        break;
    case Step::Kind::Filter:
        for (const Value& v : current) {
            if (!v.isArray())
                continue;
            for (const Value& item : v.asArray()) {
                const std::vector<Value> found = evaluate(*s.filterPath, {item});
                if (s.op.empty()) {
                    if (!found.empty())
                        next.push_back(item);
                    continue;
                }
                for (const Value& f : found) {
                    bool comparable = false;
                    const int c = compare(f, s.literal, comparable);
                    const bool keep = s.op == "==" ? (comparable && c == 0)
                                      : s.op == "!=" ? !(comparable && c == 0)
                                      : !comparable  ? false
                                      : s.op == "<"  ? c < 0
                                      : s.op == ">"  ? c > 0
                                      : s.op == "<=" ? c <= 0
                                                     : c >= 0;
                    if (keep) {
                        next.push_back(item);
                        break;
                    }
                }
            }
        }
        break;
    }
    return next;
}

std::vector<Value> evaluate(const Steps& steps, std::vector<Value> current)
{
    for (const Step& s : steps)
        current = applyStep(s, current);
    return current;
}

void run(const std::vector<std::shared_ptr<const JsonPath::Node>>& nodes, const Value& data, std::string& out)
{
    for (const auto& node : nodes) {
        switch (node->kind) {
        case JsonPath::Node::Kind::Text:
            out += node->text;
            break;
        case JsonPath::Node::Kind::Path: {
            const std::vector<Value> results = evaluate(node->steps, {data});
            for (size_t i = 0; i < results.size(); ++i)
                out += (i ? " " : "") + jsonPathText(results[i]);
            break;
        }
        case JsonPath::Node::Kind::Range: {
            std::vector<Value> items = evaluate(node->steps, {data});
            if (items.size() == 1 && items[0].isArray())
                items = items[0].asArray();
            for (const Value& item : items)
                run(node->children, item, out);
            break;
        }
        case JsonPath::Node::Kind::End:
            break;
        }
    }
}

std::string numberText(const Value& v)
{
    if (v.type() == Value::Type::Int)
        return std::to_string(v.asInt());
    return manifest::toCompactJson(v);
}

} // namespace

std::optional<JsonPath> JsonPath::parse(std::string_view templateText, std::string* error)
{
    JsonPath p;
    std::string e;
    if (!Parser(templateText, &e).parse(p.m_nodes)) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    return p;
}

std::string JsonPath::execute(const api::Value& data) const
{
    std::string out;
    run(m_nodes, data, out);
    return out;
}

std::vector<api::Value> JsonPath::findResults(const api::Value& data) const
{
    std::vector<Value> out;
    for (const auto& node : m_nodes)
        if (node->kind == Node::Kind::Path) {
            const std::vector<Value> found = evaluate(node->steps, {data});
            out.insert(out.end(), found.begin(), found.end());
        }
    return out;
}

std::string jsonPathText(const api::Value& v)
{
    switch (v.type()) {
    case Value::Type::String: return v.asString();
    case Value::Type::Int:
    case Value::Type::Float: return numberText(v);
    case Value::Type::Bool: return v.asBool() ? "true" : "false";
    default: return manifest::toCompactJson(v);
    }
}

std::string goValueText(const api::Value& v)
{
    switch (v.type()) {
    case Value::Type::Null: return "<nil>";
    case Value::Type::Object: {
        auto members = v.asObject();
        std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string out = "map[";
        for (size_t i = 0; i < members.size(); ++i)
            out += (i ? " " : "") + members[i].first + ":" + goValueText(members[i].second);
        return out + "]";
    }
    case Value::Type::Array: {
        std::string out = "[";
        for (size_t i = 0; i < v.asArray().size(); ++i)
            out += (i ? " " : "") + goValueText(v.asArray()[i]);
        return out + "]";
    }
    default: return jsonPathText(v);
    }
}

} // namespace podlab::sim::kubectl
