// Static files answered again (ServedFile): the kubelet's httpGet probe of 150 000 nginx pods. The answer is
// the one Engine::answer gave the same request before — the file's bytes read from where they lie, the same
// headers (finishResponse) with this second's date, the same access-log line at this time, one more request
// counted — and is given only while the files keep their stamps and the request is the same.

#include "engine.h"

#include <algorithm>

namespace podlab::sim::runtime::detail {

namespace {

constexpr size_t kMaxServed = 4; // per container: a liveness and a readiness path, and room to spare

std::string_view headerValue(const shell::HttpRequest& r, std::string_view name)
{
    for (const auto& [k, v] : r.headers) {
        if (k.size() != name.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < k.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
        if (same)
            return v;
    }
    return {};
}

bool sameRequest(const ServedFile& s, int pid, const shell::HttpRequest& request, std::string_view peer)
{
    return s.pid == pid && s.method == request.method && s.url == request.url && s.peer == peer &&
           s.referer == headerValue(request, "Referer") && s.userAgent == headerValue(request, "User-Agent");
}

// Whether an access-log line shows nothing but the request, its answer and the time: then its shape is the same
// for the same request.
bool showsOnlyTheRequest(std::string_view text)
{
    static constexpr std::string_view kShown[] = {"time",   "remoteAddr", "request", "status", "bodyBytes",
                                                  "referer", "userAgent", "method",  "path",   "uri"};
    for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const size_t close = text.find('}', open);
        if (close == std::string_view::npos)
            break;
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const bool isName = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-';
        });
        if (isName && std::find(std::begin(kShown), std::end(kShown), name) == std::end(kShown))
            return false;
    }
    return true;
}

} // namespace

std::optional<shell::HttpResponse> Engine::answerAgain(int pid, const shell::HttpRequest& request)
{
    if (!m_shortcuts || m_s.served.empty() || (!m_s.base && !m_s.own))
        return std::nullopt;
    const std::string peer = m_env.peerAddress();
    const auto it = std::find_if(m_s.served.begin(), m_s.served.end(),
                                 [&](const ServedFile& s) { return sameRequest(s, pid, request, peer); });
    if (it == m_s.served.end())
        return std::nullopt;
    const ServedFile& kept = *it;
    // The general path would first give the container its own copy of the files.
    if (kept.namesInjected && !m_s.own)
        return std::nullopt;
    if (kept.accessLine && kept.accessLine->epochOffset != m_epochBase)
        return std::nullopt;
    const std::vector<fs::Mount> mounts = m_env.mounts();
    const fs::FileSystem& root = m_s.own ? *m_s.own : *m_s.base;
    if (!kept.files.matches(root, mounts, true) || kept.body.space > mounts.size())
        return std::nullopt;
    const fs::FileSystem& holder = kept.body.space == 0 ? root : mounts[kept.body.space - 1].files();

    Process* p = find(pid);
    const Program& program = *p->model()->program;
    shell::HttpResponse r;
    r.outcome = shell::HttpResponse::Outcome::Ok;
    r.address = m_env.podIP();
    r.status = 200;
    r.body = holder.inode(kept.body.inode).data;
    finishResponse(r, program, m_now, kept.contentType, true, kept.mtimeMs,
                   request.method.empty() ? std::string_view("GET") : std::string_view(request.method));
    if (kept.accessLine)
        m_s.log.writeTimed(m_now, kept.accessToStderr, kept.accessLine);
    if ((p = find(pid)) && p->model())
        ++p->model()->requests;
    // The same files answer the same request the same way, and the line it logs differs only in its time.
    if (m_echo) {
        m_echo->repeatable = true;
        m_echo->serverPid = pid;
        m_echo->accessLine = kept.accessLine;
        m_echo->accessToStderr = kept.accessToStderr;
    }
    return r;
}

void Engine::rememberServed(ServedFile served, const Program& program, const ModelRun& server)
{
    if (!m_shortcuts || (!m_s.base && !m_s.own))
        return;
    // The access-log line must come out the same for the same request.
    if (program.accessLog && writesLine(*program.accessLog, &server) &&
        (!served.accessLine || !showsOnlyTheRequest(program.accessLog->text)))
        return;
    const std::vector<fs::Mount> mounts = m_env.mounts();
    served.files.assign(m_s.own ? *m_s.own : *m_s.base, mounts);
    const auto same = std::find_if(m_s.served.begin(), m_s.served.end(), [&](const ServedFile& s) {
        return s.pid == served.pid && s.method == served.method && s.url == served.url && s.peer == served.peer &&
               s.referer == served.referer && s.userAgent == served.userAgent;
    });
    if (same != m_s.served.end())
        m_s.served.erase(same);
    else if (m_s.served.size() >= kMaxServed)
        m_s.served.erase(m_s.served.begin());
    m_s.served.push_back(std::move(served));
}

} // namespace podlab::sim::runtime::detail
