#include "lsformat.h"

#include "civiltime.h"

#include <algorithm>
#include <cstdio>

namespace podlab::sim::fs {

namespace {

// Field `index` (0-based, ':'-separated) of the line of a passwd-style file whose field 2 is `id`.
std::string lookupName(const ContainerFiles& files, const char* path, uint32_t id)
{
    std::string text;
    if (files.readFile(path, text) == Error::None) {
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string::npos)
                end = text.size();
            const std::string_view line(text.data() + pos, end - pos);
            const size_t c1 = line.find(':');
            const size_t c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
            if (c2 != std::string_view::npos) {
                const size_t c3 = line.find(':', c2 + 1);
                const std::string_view num = line.substr(c2 + 1, c3 == std::string_view::npos ? c3 : c3 - c2 - 1);
                if (num == std::to_string(id))
                    return std::string(line.substr(0, c1));
            }
            pos = end + 1;
        }
    }
    return std::to_string(id);
}

struct Item {
    std::string shown; // the name as printed
    std::string path;  // where to stat it
    Stat st;
    bool dotEntry = false; // "." or "..", which are listed but never descended into
};

void appendLong(const ContainerFiles& files, const Item& item, const LsOptions& options, int64_t nowMs,
                std::string& out)
{
    std::string target;
    if (item.st.isSymlink())
        files.readlink(item.path, target);
    const std::string owner = options.numericIds ? std::to_string(item.st.uid) : LsFormat::userName(files, item.st.uid);
    const std::string group = options.numericIds ? std::to_string(item.st.gid) : LsFormat::groupName(files, item.st.gid);
    out += LsFormat::longLine(item.st, item.shown, owner, group, nowMs, target);
    out += '\n';
}

std::string joinPath(std::string_view dir, std::string_view name)
{
    std::string p(dir);
    if (p.empty() || p.back() != '/')
        p += '/';
    p.append(name);
    return p;
}

} // namespace

std::string LsFormat::modeString(const Stat& st)
{
    std::string s(10, '-');
    s[0] = st.isDirectory() ? 'd' : st.isSymlink() ? 'l' : '-';
    const char* rwx = "rwx";
    for (int i = 0; i < 9; ++i) {
        if (st.mode & (0400u >> i))
            s[1 + i] = rwx[i % 3];
    }
    if (st.mode & 04000)
        s[3] = (st.mode & 0100) ? 's' : 'S';
    if (st.mode & 02000)
        s[6] = (st.mode & 010) ? 's' : 'S';
    if (st.mode & 01000)
        s[9] = (st.mode & 01) ? 't' : 'T';
    return s;
}

std::string LsFormat::dateString(int64_t mtimeMs, int64_t nowMs)
{
    const CivilTime t = CivilTime::fromEpochMs(mtimeMs);
    const int64_t halfYearMs = int64_t(365) * 24 * 3600 * 1000 / 2;
    const int64_t age = nowMs - mtimeMs;
    const bool recent = age < halfYearMs && age > -int64_t(3600) * 1000;
    char buf[32];
    if (recent)
        std::snprintf(buf, sizeof buf, "%s %2d %02d:%02d", CivilTime::monthAbbrev(t.month), t.day, t.hour, t.minute);
    else
        std::snprintf(buf, sizeof buf, "%s %2d  %4d", CivilTime::monthAbbrev(t.month), t.day, t.year);
    return buf;
}

std::string LsFormat::longLine(const Stat& st, std::string_view name, std::string_view owner,
                               std::string_view group, int64_t nowMs, std::string_view linkTarget)
{
    char buf[128];
    const std::string o(owner.substr(0, 8)), g(group.substr(0, 8));
    std::snprintf(buf, sizeof buf, "%s %4u %-8s %-8s %9llu ", modeString(st).c_str(), st.nlink, o.c_str(),
                  g.c_str(), static_cast<unsigned long long>(st.size));
    std::string line = buf;
    line += dateString(st.mtimeMs, nowMs);
    line += ' ';
    line.append(name);
    if (st.isSymlink()) {
        line += " -> ";
        line.append(linkTarget);
    }
    return line;
}

std::string LsFormat::userName(const ContainerFiles& files, uint32_t uid)
{
    return lookupName(files, "/etc/passwd", uid);
}

std::string LsFormat::groupName(const ContainerFiles& files, uint32_t gid)
{
    return lookupName(files, "/etc/group", gid);
}

int LsFormat::list(const ContainerFiles& files, const std::vector<std::string>& operands,
                   const LsOptions& options, int64_t nowMs, std::string& out, std::string& err)
{
    int status = 0;
    std::vector<std::string> names = operands;
    if (names.empty())
        names.push_back(".");
    std::vector<Item> plain, dirs;
    for (const std::string& name : names) {
        Item item{name, name, {}, false};
        // A symlink operand is listed as itself with -l or -d, and followed otherwise.
        const Follow follow = options.longFormat || options.directory ? Follow::No : Follow::Yes;
        const Error e = files.stat(name, item.st, follow);
        if (e != Error::None) {
            err += "ls: " + name + ": " + message(e) + "\n";
            status = 1;
            continue;
        }
        if (item.st.isDirectory() && !options.directory)
            dirs.push_back(std::move(item));
        else
            plain.push_back(std::move(item));
    }
    auto byName = [](const Item& a, const Item& b) { return a.shown < b.shown; };
    std::stable_sort(plain.begin(), plain.end(), byName);
    std::stable_sort(dirs.begin(), dirs.end(), byName);

    for (const Item& item : plain) {
        if (options.longFormat)
            appendLong(files, item, options, nowMs, out);
        else
            out += item.shown + "\n";
    }
    const bool headers = names.size() > 1;
    bool first = plain.empty();
    for (const Item& dir : dirs) {
        if (headers) {
            if (!first)
                out += '\n';
            out += dir.shown + ":\n";
        }
        first = false;
        std::vector<DirEntry> entries;
        if (Error e = files.list(dir.path, entries); e != Error::None) {
            err += "ls: can't open '" + dir.shown + "': " + message(e) + "\n";
            status = 1;
            continue;
        }
        std::vector<Item> items;
        if (options.all) {
            items.push_back(Item{".", joinPath(dir.path, "."), {}, true});
            items.push_back(Item{"..", joinPath(dir.path, ".."), {}, true});
        }
        for (const DirEntry& e : entries) {
            if (e.name.front() == '.' && !options.all && !options.almostAll)
                continue;
            items.push_back(Item{e.name, joinPath(dir.path, e.name), {}, false});
        }
        if (!options.longFormat) {
            for (const Item& item : items)
                out += item.shown + "\n";
            continue;
        }
        uint64_t total = 0;
        for (Item& item : items) {
            files.lstat(item.path, item.st);
            total += item.st.blocks;
        }
        out += "total " + std::to_string(total) + "\n";
        for (const Item& item : items)
            appendLong(files, item, options, nowMs, out);
    }
    return status;
}

} // namespace podlab::sim::fs
