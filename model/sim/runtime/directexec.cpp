// The commonest exec probes — `cat FILE`, `test -f FILE`, `[ -e FILE ]`, `true`, `false` — run straight
// against the container's files. The general path starts a shell process for them (ShellProcess::fromArgv)
// whose applet table runs the very functions used here (shell/filecommands.h); this path skips the process
// and must leave everything as that one does: the same pid and exec number used up, the same view of the files
// taken (lazily: a first read of an injected file copies the image's files either way), the same output and
// status. tst_directexec compares the two paths command by command.

#include "engine.h"

#include "sim/shell/filecommands.h"

#include <algorithm>

namespace podlab::sim::runtime::detail {

namespace {

// argv[0] as the shell's applet table names it.
std::string_view appletName(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

ExecShape::Direct directOf(const std::vector<std::string>& argv)
{
    using Direct = ExecShape::Direct;
    if (argv.empty())
        return Direct::None;
    const std::string_view name = appletName(argv[0]);
    if (name == "cat") {
        // Standard input (`-`, or no file at all) stays with the general path.
        const auto operands = std::span<const std::string>(argv).subspan(1);
        const bool readsStdin = std::any_of(operands.begin(), operands.end(), [](const std::string& a) { return a == "-"; });
        const bool anyFile = std::any_of(operands.begin(), operands.end(), [](const std::string& a) { return a != "-u"; });
        return readsStdin || !anyFile ? Direct::None : Direct::Cat;
    }
    if (name == "test")
        return Direct::Test;
    if (name == "[")
        return Direct::Bracket;
    if (name == "true")
        return Direct::True;
    if (name == "false")
        return Direct::False;
    return Direct::None;
}

// The process the general path would start, as far as cat and test see it: its files (the exec's view, made
// on first use as ContainerHost makes it), its directory, and the exec's output buffers.
class DirectIo final : public shell::CommandIo {
public:
    DirectIo(Engine& engine, Access access, ExecResult& result)
        : m_e(engine)
        , m_access(access)
        , m_sink{&result.out, &result.err}
    {
    }

    fs::ContainerFiles& files() override
    {
        if (!m_view) {
            const ContainerState& s = m_e.state();
            m_view.emplace(m_e.view(m_access, s.uid, s.gid, m_e.now()));
        }
        return *m_view;
    }
    std::string_view workingDirectory() const override
    {
        const std::string& cwd = m_e.state().cwd;
        return cwd.empty() ? std::string_view("/") : std::string_view(cwd);
    }
    void out(std::string_view text) override { m_e.write(m_sink, m_e.now(), false, text); }
    void err(std::string_view text) override { m_e.write(m_sink, m_e.now(), true, text); }
    std::string readStdin() override { return {}; } // never asked: directOf leaves standard input alone
    void shellError(std::string_view message) override
    {
        // The process's $0: "sh" for a command started without a shell.
        std::string line = "sh: ";
        line.append(message);
        line += '\n';
        err(line);
    }

private:
    Engine& m_e;
    Access m_access;
    Sink m_sink;
    std::optional<fs::ContainerFiles> m_view;
};

} // namespace

ExecShape Engine::execShape(const std::vector<std::string>& argv)
{
    if (const ExecShape* known = m_shortcuts ? m_s.commands.shape(argv) : nullptr)
        return *known;
    ExecShape shape;
    const CommandShape words = commandShape(argv, m_env.scripts());
    shape.readOnly = words.readOnly;
    for (const std::string& w : words.words)
        shape.namesInjected = shape.namesInjected || namesInjected(w, m_s.cwd);
    shape.direct = directOf(argv);
    if (m_shortcuts)
        m_s.commands.rememberShape(argv, shape);
    return shape;
}

bool Engine::execDirect(const std::vector<std::string>& argv, ExecShape::Direct direct, Access access,
                        ExecResult& result)
{
    // What launch() and startProgram() would decide: a program of the image that the shell's applets run.
    const Resolved r = resolve(argv[0], m_now);
    if (r.kind != Resolved::Kind::Program)
        return false;
    const Program& program = *r.program;
    if (program.model != Program::Model::Shell && program.model != Program::Model::Utility)
        return false;
    if (program.model == Program::Model::Utility && implementsUtility(program.command))
        return false;
    const std::span<const std::string> args = std::span<const std::string>(argv).subspan(1);
    for (const Invocation& inv : program.invocations)
        if (std::equal(inv.args.begin(), inv.args.end(), args.begin(), args.end()))
            return false; // a fixed answer to this command line

    DirectIo io(*this, access, result);
    int status = 0;
    switch (direct) {
    case ExecShape::Direct::None:
        return false;
    case ExecShape::Direct::Cat: {
        std::string scratch;
        status = shell::catFiles(args, io, scratch);
        break;
    }
    case ExecShape::Direct::Test:
    case ExecShape::Direct::Bracket:
        status = shell::testCommand(argv, direct == ExecShape::Direct::Bracket, io);
        break;
    case ExecShape::Direct::True:
        status = 0;
        break;
    case ExecShape::Direct::False:
        status = 1;
        break;
    }
    // The shell process exits with the command's status, in the exec's own time: at once.
    result.exitCode = status & 0xff;
    return true;
}

} // namespace podlab::sim::runtime::detail
