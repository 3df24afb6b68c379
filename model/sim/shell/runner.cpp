#include "runner.h"

#include "scriptcache.h"

#include "sim/core/text.h"

#include <algorithm>

namespace podlab::sim::shell {

namespace {

bool isShell(std::string_view name)
{
    const std::string_view b = baseName(name);
    return b == "sh" || b == "ash" || b == "bash" || b == "dash";
}

ShellProcess::Frame makeFrame(ShellProcess::FrameKind kind, uint16_t script = 0, uint32_t node = kNone)
{
    ShellProcess::Frame f;
    f.kind = kind;
    f.script = script;
    f.node = node;
    return f;
}

} // namespace

// ---- ShellProcess ------------------------------------------------------------------------------------------

namespace {

void initProcess(ShellProcess& p, ShellProcess::State& state, std::array<ShellProcess::FdTarget, 10>& fds,
                 std::vector<ShellProcess::Buffer>& buffers, Environment env, const ProcessOptions& options)
{
    (void)p;
    state.vars.reserve(state.vars.size() + env.size()); // a sleeping shell keeps them for the pod's life
    for (auto& [name, value] : env) {
        auto it = std::find_if(state.vars.begin(), state.vars.end(),
                               [&](const ShellProcess::Var& v) { return v.name == name; });
        if (it != state.vars.end())
            it->value = std::move(value);
        else
            state.vars.push_back(ShellProcess::Var{std::move(name), std::move(value), true, false});
    }
    state.cwd = options.cwd.empty() ? std::string("/") : options.cwd;
    buffers.push_back(ShellProcess::Buffer{options.stdinData, 0});
    fds[0] = ShellProcess::FdTarget{ShellProcess::FdTarget::Kind::Buffer, 0, {}};
    fds[1] = ShellProcess::FdTarget{ShellProcess::FdTarget::Kind::Out, 0, {}};
    fds[2] = ShellProcess::FdTarget{ShellProcess::FdTarget::Kind::Err, 0, {}};
}

} // namespace

ShellProcess ShellProcess::fromScript(std::shared_ptr<const Script> script, std::vector<std::string> args,
                                      Environment env, ProcessOptions options)
{
    ShellProcess p;
    p.m_pid = options.pid;
    p.m_uid = options.uid;
    p.m_gid = options.gid;
    p.m_budget = options.budget;
    initProcess(p, p.m_state, p.m_fds, p.m_buffers, std::move(env), options);
    if (!args.empty()) {
        p.m_state.arg0 = args[0];
        p.m_state.positional.assign(std::make_move_iterator(args.begin() + 1), std::make_move_iterator(args.end()));
    }
    p.m_scripts.push_back(std::move(script));
    Frame f = makeFrame(FrameKind::Node, 0, p.m_scripts[0]->root());
    f.bufferBase = 1;
    p.m_frames.push_back(std::move(f));
    return p;
}

ShellProcess ShellProcess::fromArgv(const std::vector<std::string>& argv, Environment env, ProcessOptions options,
                                    ScriptCache* cache)
{
    ShellProcess p;
    p.m_pid = options.pid;
    p.m_uid = options.uid;
    p.m_gid = options.gid;
    p.m_budget = options.budget;
    initProcess(p, p.m_state, p.m_fds, p.m_buffers, std::move(env), options);
    Frame f = makeFrame(FrameKind::Exec);
    f.bufferBase = 1;
    f.values = argv;
    if (!argv.empty() && isShell(argv[0])) {
        // sh -c 'script' [$0 [$1...]], or sh reading its script from standard input.
        size_t i = 1;
        bool dashC = false;
        while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
            if (argv[i].find('c') != std::string::npos)
                dashC = true;
            if (argv[i] == "-e" || argv[i].find('e') != std::string::npos)
                p.m_state.errexit = true;
            ++i;
            if (dashC)
                break;
        }
        std::string_view source;
        std::string stdinScript;
        if (dashC) {
            if (i < argv.size())
                source = argv[i++];
        } else if (i >= argv.size()) {
            stdinScript = options.stdinData;
            source = stdinScript;
        } else {
            f.aux = 2; // sh FILE: read when it runs
            f.text = argv[i];
            p.m_state.arg0 = argv[i];
            for (size_t k = i + 1; k < argv.size(); ++k)
                p.m_state.positional.push_back(argv[k]);
            p.m_frames.push_back(std::move(f));
            return p;
        }
        p.m_scripts.push_back(cache ? cache->get(source) : Script::parse(source));
        p.m_state.arg0 = i < argv.size() ? argv[i++] : argv[0];
        for (; i < argv.size(); ++i)
            p.m_state.positional.push_back(argv[i]);
        f.aux = 1;
    }
    p.m_frames.push_back(std::move(f));
    return p;
}

StepResult ShellProcess::run(ShellHost& host, SimTime now)
{
    Runner r(*this, host, now);
    m_last = r.run();
    return m_last;
}

void ShellProcess::deliverSignal(int signal)
{
    if (m_exited || signal <= 0 || signal >= 64)
        return;
    if (signal == kSigKill) {
        m_exited = true;
        m_exitCode = 128 + kSigKill;
        m_frames.clear();
        m_last = StepResult{StepResult::Kind::Exited, m_exitCode, 0};
        return;
    }
    const auto trap = std::find_if(m_state.traps.begin(), m_state.traps.end(),
                                   [&](const Trap& t) { return t.signal == signal; });
    if (trap != m_state.traps.end()) {
        if (!trap->action.empty())
            m_pendingSignals |= uint64_t(1) << signal;
        return;
    }
    // Default dispositions: these stop or are ignored; the rest terminate, except for init.
    if (signal == kSigChld || signal == kSigCont || signal == kSigStop || signal == 28 /* WINCH */ || signal == 23)
        return;
    if (m_pid == 1)
        return;
    m_exited = true;
    m_exitCode = 128 + signal;
    m_frames.clear();
    m_last = StepResult{StepResult::Kind::Exited, m_exitCode, 0};
}

// ---- Runner ------------------------------------------------------------------------------------------------

Runner::Runner(ShellProcess& p, ShellHost& host, SimTime now)
    : m_p(p)
    , m_host(host)
    , m_now(now)
    , m_budget(p.m_budget)
{
}

fs::ContainerFiles& Runner::files()
{
    fs::ContainerFiles& f = m_host.files();
    fs::Caller c = f.caller();
    c.uid = m_p.m_uid;
    c.gid = m_p.m_gid;
    c.nowMs = m_host.epochMs(m_now);
    f.setCaller(c);
    return f;
}

StepResult Runner::run()
{
    if (m_p.m_exited)
        return StepResult{StepResult::Kind::Exited, m_p.m_exitCode, 0};
    while (true) {
        if (m_p.m_exited)
            return StepResult{StepResult::Kind::Exited, m_p.m_exitCode, 0};
        if (m_p.m_unwind != ShellProcess::Unwind::None && !m_p.m_frames.empty()) {
            unwindStep();
            continue;
        }
        m_p.m_unwind = ShellProcess::Unwind::None;
        if (m_p.m_frames.empty()) {
            // The script ended (or exited): run the EXIT trap once, then go.
            if (!m_p.m_exitTrapDone) {
                m_p.m_exitTrapDone = true;
                m_p.m_exitCode = m_p.m_state.lastStatus;
                const auto t = std::find_if(m_p.m_state.traps.begin(), m_p.m_state.traps.end(),
                                            [](const ShellProcess::Trap& t) { return t.signal == 0; });
                if (t != m_p.m_state.traps.end() && !t->action.empty()) {
                    Frame f = makeFrame(FrameKind::Trap, addScript(t->action));
                    f.node = script(f.script).root();
                    f.status = m_p.m_exitCode;
                    push(std::move(f));
                    pushNode(top().script, top().node);
                    continue;
                }
            }
            finishProcess(m_p.m_exitTrapDone && m_p.m_frames.empty() ? m_p.m_state.lastStatus : m_p.m_exitCode);
            return StepResult{StepResult::Kind::Exited, m_p.m_exitCode, 0};
        }
        if (m_p.m_pendingSignals && deliverPendingTrap())
            continue;
        if (m_budget-- <= 0)
            return StepResult{StepResult::Kind::Busy, 0, m_now + 1};
        if (step() == Step::Yield)
            return m_yield;
    }
}

void Runner::finishProcess(int status)
{
    m_p.m_exited = true;
    m_p.m_exitCode = status & 0xff;
    m_p.m_frames.clear();
    m_p.m_fdSaves.clear();
    m_p.m_tempVars.clear();
    m_p.m_savedStates.clear();
}

bool Runner::deliverPendingTrap()
{
    // Traps wait while the foreground command (sleep, a program, tail) is still running.
    const FrameKind k = top().kind;
    if (k == FrameKind::Sleep || k == FrameKind::Program || k == FrameKind::Follow)
        return false;
    for (int sig = 1; sig < 64; ++sig) {
        if (!(m_p.m_pendingSignals & (uint64_t(1) << sig)))
            continue;
        m_p.m_pendingSignals &= ~(uint64_t(1) << sig);
        const auto t = std::find_if(m_p.m_state.traps.begin(), m_p.m_state.traps.end(),
                                    [&](const ShellProcess::Trap& t) { return t.signal == sig; });
        if (t == m_p.m_state.traps.end() || t->action.empty())
            continue;
        Frame f = makeFrame(FrameKind::Trap, addScript(t->action));
        f.node = script(f.script).root();
        f.status = m_p.m_state.lastStatus;
        push(std::move(f));
        pushNode(top().script, top().node);
        return true;
    }
    return false;
}

uint16_t Runner::addScript(std::string_view text)
{
    for (size_t i = 1; i < m_p.m_scripts.size(); ++i) {
        if (m_p.m_scripts[i]->source() == text)
            return uint16_t(i);
    }
    m_p.m_scripts.push_back(Script::parse(text));
    return uint16_t(m_p.m_scripts.size() - 1);
}

Runner::Step Runner::yield(StepResult::Kind kind, SimTime at)
{
    m_yield = StepResult{kind, 0, at};
    return Step::Yield;
}

void Runner::push(Frame f)
{
    f.fdSaveBase = uint32_t(m_p.m_fdSaves.size());
    f.tempVarBase = uint32_t(m_p.m_tempVars.size());
    if (f.bufferBase == 0)
        f.bufferBase = uint32_t(m_p.m_buffers.size());
    m_p.m_frames.push_back(std::move(f));
}

void Runner::pushNode(uint16_t s, uint32_t node, bool condition)
{
    Frame f = makeFrame(FrameKind::Node, s, node);
    f.condition = condition || (!m_p.m_frames.empty() && top().condition);
    push(std::move(f));
}

void Runner::enterSubshell(Frame& f)
{
    f.stateSave = uint32_t(m_p.m_savedStates.size());
    m_p.m_savedStates.push_back(m_p.m_state);
    // A subshell keeps traps that ignore, and resets the others (POSIX).
    auto& traps = m_p.m_state.traps;
    traps.erase(std::remove_if(traps.begin(), traps.end(), [](const ShellProcess::Trap& t) { return !t.action.empty(); }),
                traps.end());
}

void Runner::release(const Frame& f)
{
    while (m_p.m_fdSaves.size() > f.fdSaveBase) {
        ShellProcess::FdSave& s = m_p.m_fdSaves.back();
        m_p.m_fds[size_t(s.fd)] = std::move(s.previous);
        m_p.m_fdSaves.pop_back();
    }
    while (m_p.m_tempVars.size() > f.tempVarBase) {
        ShellProcess::Var& v = m_p.m_tempVars.back();
        auto& vars = m_p.m_state.vars;
        auto it = std::find_if(vars.begin(), vars.end(), [&](const ShellProcess::Var& x) { return x.name == v.name; });
        if (v.readOnly) { // marks "was unset"
            if (it != vars.end())
                vars.erase(it);
        } else if (it != vars.end()) {
            *it = std::move(v);
        } else {
            vars.push_back(std::move(v));
        }
        m_p.m_tempVars.pop_back();
    }
    if (m_p.m_buffers.size() > f.bufferBase && f.bufferBase > 0)
        m_p.m_buffers.resize(f.bufferBase);
    if (f.stateSave != UINT32_MAX) {
        m_p.m_state = std::move(m_p.m_savedStates[f.stateSave]);
        m_p.m_savedStates.resize(f.stateSave);
    }
}

void Runner::pop(int status)
{
    Frame f = std::move(m_p.m_frames.back());
    m_p.m_frames.pop_back();
    if (f.kind == FrameKind::Subst) {
        std::string captured = std::move(m_p.m_buffers[f.aux].data);
        while (!captured.empty() && captured.back() == '\n')
            captured.pop_back();
        if (!m_p.m_frames.empty())
            top().substs.push_back(std::move(captured));
    }
    release(f);
    if (f.kind == FrameKind::Call) {
        m_p.m_state.positional = std::move(f.values);
        // `local` saved the caller's values as (name, value, "1" if it was set) triples.
        for (size_t i = f.substs.size(); i >= 3; i -= 3) {
            const std::string& name = f.substs[i - 3];
            if (f.substs[i - 1] == "1")
                setVar(name, f.substs[i - 2]);
            else
                unsetVar(name);
        }
    }
    if (f.kind == FrameKind::Subst)
        m_p.m_lastSubstStatus = status;
    if (f.kind == FrameKind::Trap && m_p.m_unwind != ShellProcess::Unwind::Exit)
        status = f.status; // a trap leaves $? as it found it
    m_p.m_state.lastStatus = status;
}

void Runner::startExit(int status)
{
    m_p.m_unwind = ShellProcess::Unwind::Exit;
    m_p.m_unwindStatus = status;
}

bool Runner::unwindStep()
{
    using U = ShellProcess::Unwind;
    Frame& f = top();
    const int status = m_p.m_unwindStatus;
    const bool isLoop = f.kind == FrameKind::Node
                        && (script(f.script).node(f.node).kind == NodeKind::While
                            || script(f.script).node(f.node).kind == NodeKind::Until
                            || script(f.script).node(f.node).kind == NodeKind::For);
    const bool boundary = f.stateSave != UINT32_MAX || f.kind == FrameKind::Subst || f.kind == FrameKind::Trap;
    switch (m_p.m_unwind) {
    case U::Break:
    case U::Continue:
        if (isLoop) {
            if (--m_p.m_unwindCount > 0) {
                pop(0);
                return true;
            }
            if (m_p.m_unwind == U::Break) {
                m_p.m_unwind = U::None;
                pop(0);
            } else {
                m_p.m_unwind = U::None;
                const NodeKind k = script(f.script).node(f.node).kind;
                f.pc = k == NodeKind::For ? 1 : 0;
                f.status = 0;
            }
            return true;
        }
        if (f.kind == FrameKind::Call || boundary) {
            m_p.m_unwind = U::None;
            return true;
        }
        pop(0);
        return true;
    case U::Return:
        if (f.kind == FrameKind::Call || (f.kind == FrameKind::Node && f.aux == 0xD07 /* dot script */)) {
            m_p.m_unwind = U::None;
            pop(status);
            return true;
        }
        if (boundary) {
            m_p.m_unwind = U::None;
            pop(status);
            return true;
        }
        pop(status);
        return true;
    case U::Exit:
        if (f.stateSave != UINT32_MAX || f.kind == FrameKind::Subst) {
            m_p.m_unwind = U::None;
            pop(status);
            return true;
        }
        pop(status);
        return true;
    case U::None:
        break;
    }
    return false;
}

Runner::Step Runner::step()
{
    const size_t index = m_p.m_frames.size() - 1;
    Frame& f = m_p.m_frames[index];
    switch (f.kind) {
    case FrameKind::Node:
        return stepNode(index);
    case FrameKind::Exec:
        return stepExec(index);
    case FrameKind::Sleep:
        if (m_now >= f.until) {
            pop(0);
            return Step::Continue;
        }
        return yield(StepResult::Kind::Sleeping, f.until);
    case FrameKind::Program:
        if (f.until == kForever)
            return yield(StepResult::Kind::Waiting, kForever);
        if (m_now >= f.until) {
            const int status = f.status;
            const std::string o = f.values.size() > 0 ? f.values[0] : std::string();
            const std::string e = f.values.size() > 1 ? f.values[1] : std::string();
            out(o);
            err(e);
            pop(status);
            return Step::Continue;
        }
        return yield(StepResult::Kind::Sleeping, f.until);
    case FrameKind::Follow: {
        if (m_now < f.until)
            return yield(StepResult::Kind::Waiting, f.until);
        std::string data;
        const fs::Error e = files().readFile(f.text, data);
        if (e == fs::Error::None) {
            if (data.size() < f.aux) {
                err("tail: " + f.text + ": file truncated\n");
                f.aux = 0;
            }
            if (data.size() > f.aux) {
                out(std::string_view(data).substr(f.aux));
                f.aux = uint32_t(data.size());
            }
        }
        Frame& again = m_p.m_frames[index];
        again.until = m_now + 1000;
        return yield(StepResult::Kind::Waiting, again.until);
    }
    case FrameKind::Subst:
    case FrameKind::Call:
    case FrameKind::Trap:
        // The body pushed above has finished.
        pop(m_p.m_state.lastStatus);
        return Step::Continue;
    case FrameKind::Syntax:
        pop(2);
        return Step::Continue;
    }
    return Step::Continue;
}

Runner::Step Runner::stepExec(size_t index)
{
    Frame& f = m_p.m_frames[index];
    if (f.pc == 1) {
        pop(m_p.m_state.lastStatus);
        return Step::Continue;
    }
    if (f.values.empty()) {
        pop(0);
        return Step::Continue;
    }
    const std::string cmd = f.values[0];
    if (!m_host.hasCommand(cmd)) {
        // No shell is involved: the container runtime itself fails to start the command.
        err("exec: \"" + cmd + "\": executable file not found in $PATH\n");
        pop(127);
        return Step::Continue;
    }
    if (f.aux == 1 || f.aux == 2) {
        uint16_t s = 0;
        if (f.aux == 2) {
            std::string source;
            const fs::Error e = files().readFile(absolute(f.text), source);
            if (e != fs::Error::None) {
                err(m_p.m_state.arg0 + ": can't open '" + f.text + "': " + fs::message(e) + "\n");
                pop(2);
                return Step::Continue;
            }
            m_p.m_scripts.insert(m_p.m_scripts.begin(), Script::parse(source));
        }
        const uint32_t root = script(s).root();
        m_p.m_frames.pop_back();
        Frame body = makeFrame(FrameKind::Node, s, root);
        body.bufferBase = 1;
        push(std::move(body));
        return Step::Continue;
    }
    Argv argv = f.values;
    const int status = runApplet(baseName(argv[0]), argv);
    if (status == kPending) {
        m_p.m_frames[index].pc = 1;
        return Step::Continue;
    }
    if (!m_p.m_frames.empty() && m_p.m_unwind == ShellProcess::Unwind::None)
        pop(status);
    return Step::Continue;
}

Runner::Step Runner::stepNode(size_t index)
{
    Frame& f = m_p.m_frames[index];
    const Script& s = script(f.script);
    const Node& n = s.node(f.node);

    // Redirections on a compound command apply around the whole of it.
    if (!n.redirs.empty() && n.kind != NodeKind::Simple && !f.redirsApplied) {
        bool needSubst = false;
        if (!applyRedirs(n, f.script, index, needSubst)) {
            if (!needSubst) // else the substitution runs and this is tried again
                pop(1);
            return Step::Continue;
        }
        m_p.m_frames[index].redirsApplied = true;
        m_p.m_frames[index].substs.clear(); // the body's own expansions start afresh
        return Step::Continue;
    }

    const int status = m_p.m_state.lastStatus;
    switch (n.kind) {
    case NodeKind::List: {
        if (f.pc > 0 && m_p.m_state.errexit && status != 0 && !f.condition) {
            startExit(status);
            return Step::Continue;
        }
        if (f.pc >= n.kids.size()) {
            pop(f.pc == 0 ? 0 : status);
            return Step::Continue;
        }
        const uint32_t kid = n.kids[f.pc++];
        pushNode(f.script, kid);
        return Step::Continue;
    }
    case NodeKind::AndOr: {
        if (f.pc == 0) {
            f.pc = 1;
            pushNode(f.script, n.kids[0], true);
            return Step::Continue;
        }
        // Skip the pipelines that the status rules out: `a && b || c`.
        while (f.pc < n.kids.size()) {
            const bool orOp = n.flags[f.pc - 1];
            if ((status == 0) != orOp) {
                const uint32_t kid = n.kids[f.pc];
                const bool last = f.pc + 1 == n.kids.size();
                ++f.pc;
                pushNode(f.script, kid, !last);
                return Step::Continue;
            }
            ++f.pc;
        }
        pop(status);
        return Step::Continue;
    }
    case NodeKind::Pipeline: {
        const size_t count = n.kids.size();
        if (count == 1) {
            if (f.pc == 0) {
                f.pc = 1;
                pushNode(f.script, n.kids[0], n.bang);
                return Step::Continue;
            }
            pop(n.bang ? (status == 0 ? 1 : 0) : status);
            return Step::Continue;
        }
        if (f.pc == 0) {
            f.aux = uint32_t(m_p.m_buffers.size());
            m_p.m_buffers.emplace_back();
            m_p.m_buffers.emplace_back();
        }
        if (f.pc < count) {
            const uint32_t in = f.aux, outBuf = f.aux + 1;
            if (f.pc > 0) {
                m_p.m_buffers[in].data = std::move(m_p.m_buffers[outBuf].data);
                m_p.m_buffers[in].readPos = 0;
                m_p.m_buffers[outBuf].data.clear();
            }
            const uint32_t stage = f.pc++;
            const uint16_t sc = f.script;
            const uint32_t kid = n.kids[stage];
            pushNode(sc, kid, n.bang);
            Frame& k = top();
            k.bufferBase = uint32_t(m_p.m_buffers.size());
            enterSubshell(k);
            if (stage > 0) {
                saveFd(0);
                m_p.m_fds[0] = FdTarget{FdTarget::Kind::Buffer, in, {}};
            }
            if (stage + 1 < count) {
                saveFd(1);
                m_p.m_fds[1] = FdTarget{FdTarget::Kind::Buffer, outBuf, {}};
            }
            return Step::Continue;
        }
        pop(n.bang ? (status == 0 ? 1 : 0) : status);
        return Step::Continue;
    }
    case NodeKind::Simple:
        return stepSimple(index);
    case NodeKind::If: {
        // pc: index of the kid that ran last + 1; aux: 1 once a branch body runs.
        if (f.aux == 1) {
            pop(status);
            return Step::Continue;
        }
        if (f.pc == 0) {
            f.pc = 1;
            pushNode(f.script, n.kids[0], true);
            return Step::Continue;
        }
        const uint32_t condIndex = f.pc - 1;
        if (status == 0) {
            f.aux = 1;
            pushNode(f.script, n.kids[condIndex + 1]);
            return Step::Continue;
        }
        const uint32_t next = condIndex + 2;
        if (next < n.kids.size()) {
            if (n.hasElse && next == n.kids.size() - 1) {
                f.aux = 1;
                pushNode(f.script, n.kids[next]);
            } else {
                f.pc = next + 1;
                pushNode(f.script, n.kids[next], true);
            }
            return Step::Continue;
        }
        pop(0);
        return Step::Continue;
    }
    case NodeKind::While:
    case NodeKind::Until: {
        // pc 0: run the condition; 1: condition done; 2: body done. status: the last body status.
        if (f.pc == 0) {
            f.pc = 1;
            pushNode(f.script, n.kids[0], true);
            return Step::Continue;
        }
        if (f.pc == 1) {
            const bool go = (status == 0) != (n.kind == NodeKind::Until);
            if (!go) {
                pop(f.status);
                return Step::Continue;
            }
            f.pc = 2;
            pushNode(f.script, n.kids[1]);
            return Step::Continue;
        }
        f.status = status;
        f.pc = 0;
        return Step::Continue;
    }
    case NodeKind::For: {
        if (f.pc == 0) {
            ExpandCtx ctx{f, f.script};
            f.values.clear();
            if (n.useArgs) {
                f.values = m_p.m_state.positional;
            } else {
                for (uint32_t w : n.words) {
                    if (!expandWord(ctx, w, f.values)) {
                        if (ctx.failed)
                            return Step::Continue;
                        return runSubstitution(ctx, index);
                    }
                }
            }
            f.pc = 1;
            f.aux = 0;
            f.status = 0;
            return Step::Continue;
        }
        if (f.pc == 2)
            f.status = status;
        if (f.aux >= f.values.size()) {
            pop(f.status);
            return Step::Continue;
        }
        setVar(n.name, f.values[f.aux++]);
        f.pc = 2;
        pushNode(f.script, n.kids[0]);
        return Step::Continue;
    }
    case NodeKind::Case: {
        if (f.pc == 1) {
            pop(status);
            return Step::Continue;
        }
        ExpandCtx ctx{f, f.script};
        std::string subject;
        if (!expandSingle(ctx, n.words[0], subject)) {
            if (ctx.failed)
                return Step::Continue;
            return runSubstitution(ctx, index);
        }
        for (const CaseItem& item : n.items) {
            for (uint32_t pw : item.patterns) {
                std::string pattern;
                if (!expandSingle(ctx, pw, pattern, ExpandMode::Pattern)) {
                    if (ctx.failed)
                        return Step::Continue;
                    return runSubstitution(ctx, index);
                }
                if (Pattern::match(pattern, subject)) {
                    if (item.body == kNone) {
                        pop(0);
                        return Step::Continue;
                    }
                    m_p.m_frames[index].pc = 1;
                    pushNode(m_p.m_frames[index].script, item.body);
                    return Step::Continue;
                }
            }
        }
        pop(0);
        return Step::Continue;
    }
    case NodeKind::Brace:
        if (f.pc == 0) {
            f.pc = 1;
            pushNode(f.script, n.kids[0]);
            return Step::Continue;
        }
        pop(status);
        return Step::Continue;
    case NodeKind::Subshell:
        if (f.pc == 0) {
            f.pc = 1;
            const uint16_t sc = f.script;
            const uint32_t kid = n.kids[0];
            enterSubshell(m_p.m_frames[index]);
            pushNode(sc, kid);
            return Step::Continue;
        }
        pop(status);
        return Step::Continue;
    case NodeKind::FunctionDef: {
        auto& fns = m_p.m_state.functions;
        auto it = std::find_if(fns.begin(), fns.end(), [&](const ShellProcess::Function& fn) { return fn.name == n.name; });
        const ShellProcess::Function fn{n.name, f.script, n.kids[0]};
        if (it != fns.end())
            *it = fn;
        else
            fns.push_back(fn);
        pop(0);
        return Step::Continue;
    }
    case NodeKind::DoubleBracket: {
        ExpandCtx ctx{f, f.script};
        std::vector<std::string> words;
        std::vector<uint8_t> ops;
        for (size_t i = 0; i < n.words.size(); ++i) {
            const size_t before = words.size();
            if (n.flags[i]) {
                words.push_back(s.word(n.words[i]).raw);
            } else if (!expandWord(ctx, n.words[i], words)) {
                if (ctx.failed)
                    return Step::Continue;
                return runSubstitution(ctx, index);
            }
            ops.resize(words.size(), 0);
            if (n.flags[i] && words.size() > before)
                ops[before] = 1;
        }
        pop(evalTest(words, &ops, true, "[["));
        return Step::Continue;
    }
    case NodeKind::SyntaxError: {
        // ash has no line number in -c mode for syntax errors.
        shellError(n.name);
        startExit(2);
        return Step::Continue;
    }
    }
    pop(0);
    return Step::Continue;
}

Runner::Step Runner::runSubstitution(ExpandCtx& ctx, size_t frameIndex)
{
    const uint16_t sc = m_p.m_frames[frameIndex].script;
    const uint32_t node = ctx.needNode;
    Frame sub = makeFrame(FrameKind::Subst, sc, node);
    sub.aux = uint32_t(m_p.m_buffers.size());
    sub.bufferBase = sub.aux;
    m_p.m_buffers.emplace_back();
    push(std::move(sub));
    Frame& s = top();
    enterSubshell(s);
    saveFd(1);
    m_p.m_fds[1] = FdTarget{FdTarget::Kind::Buffer, s.aux, {}};
    pushNode(sc, node);
    return Step::Continue;
}

Runner::Step Runner::stepSimple(size_t index)
{
    Frame& f = m_p.m_frames[index];
    const Script& s = script(f.script);
    const Node& n = s.node(f.node);
    m_line = n.line;
    if (f.pc == 2) {
        if (f.aux == 0xE0E) // `exec cmd`: the shell ends with cmd
            startExit(m_p.m_state.lastStatus);
        else
            pop(m_p.m_state.lastStatus);
        return Step::Continue;
    }
    // Expand the words, then assignment values, then redirection targets; a command substitution met on
    // the way runs first, and the expansion starts over with its result (results are kept in order).
    if (f.substs.empty())
        m_p.m_lastSubstStatus = -1;
    ExpandCtx ctx{f, f.script};
    f.values.clear();
    for (uint32_t w : n.words) {
        if (!expandWord(ctx, w, f.values))
            return ctx.failed ? Step::Continue : runSubstitution(ctx, index);
    }
    const size_t argc = f.values.size();
    std::vector<std::string> assignValues;
    assignValues.reserve(n.assigns.size());
    for (const Assign& a : n.assigns) {
        assignValues.emplace_back();
        if (!expandSingle(ctx, a.value, assignValues.back()))
            return ctx.failed ? Step::Continue : runSubstitution(ctx, index);
    }
    bool needSubst = false;
    if (!applyRedirs(n, f.script, index, needSubst)) {
        if (needSubst)
            return Step::Continue; // applyRedirs started the substitution
        pop(1);
        return Step::Continue;
    }
    Frame& fr = m_p.m_frames[index];
    if (argc == 0) {
        for (size_t i = 0; i < n.assigns.size(); ++i) {
            if (!setVar(n.assigns[i].name, assignValues[i])) {
                shellError(n.assigns[i].name + ": is read only");
                startExit(2);
                return Step::Continue;
            }
        }
        pop(m_p.m_lastSubstStatus >= 0 ? m_p.m_lastSubstStatus : 0);
        return Step::Continue;
    }
    // Assignments before a command last for that command only (for special builtins: for good).
    static const std::string_view specials[] = {":", ".", "break", "continue", "eval", "exec", "exit",
                                                "export", "readonly", "return", "set", "shift", "trap", "unset"};
    const bool special = std::find(std::begin(specials), std::end(specials), fr.values[0]) != std::end(specials);
    for (size_t i = 0; i < n.assigns.size(); ++i) {
        if (!special) {
            const ShellProcess::Var* old = findVar(n.assigns[i].name);
            ShellProcess::Var saved = old ? *old : ShellProcess::Var{n.assigns[i].name, {}, false, true};
            m_p.m_tempVars.push_back(std::move(saved));
        }
        setVar(n.assigns[i].name, assignValues[i], !special);
    }
    Argv argv(std::make_move_iterator(fr.values.begin()), std::make_move_iterator(fr.values.begin() + argc));
    fr.values.clear();
    const int st = runCommand(argv, index);
    if (st == kPending) {
        m_p.m_frames[index].pc = 2;
        return Step::Continue;
    }
    if (m_p.m_unwind == ShellProcess::Unwind::None && !m_p.m_frames.empty() && m_p.m_frames.size() > index)
        pop(st);
    return Step::Continue;
}

void Runner::saveFd(int fd)
{
    m_p.m_fdSaves.push_back(ShellProcess::FdSave{fd, m_p.m_fds[size_t(fd)]});
}

bool Runner::applyRedirs(const Node& n, uint16_t scriptIndex, size_t frameIndex, bool& needSubst)
{
    if (n.redirs.empty())
        return true;
    Frame& f = m_p.m_frames[frameIndex];
    ExpandCtx ctx{f, scriptIndex};
    // Words of a simple command consumed their substitutions first; skip past them.
    if (n.kind == NodeKind::Simple) {
        std::vector<std::string> scratch;
        for (uint32_t w : n.words)
            expandWord(ctx, w, scratch);
        std::string one;
        for (const Assign& a : n.assigns)
            expandSingle(ctx, a.value, one);
    }
    std::vector<std::string> targets;
    for (const Redir& r : n.redirs) {
        targets.emplace_back();
        if (!expandSingle(ctx, r.word, targets.back())) {
            if (ctx.failed)
                return false;
            needSubst = true;
            runSubstitution(ctx, frameIndex);
            return false;
        }
    }
    for (size_t i = 0; i < n.redirs.size(); ++i) {
        const Redir& r = n.redirs[i];
        if (!openRedir(r, targets[i], targets[i]))
            return false;
    }
    return true;
}

bool Runner::openRedir(const Redir& r, const std::string& target, const std::string& hereDoc)
{
    if (r.fd < 0 || r.fd > 9)
        return true;
    saveFd(r.fd);
    FdTarget& slot = m_p.m_fds[size_t(r.fd)];
    switch (r.op) {
    case RedirOp::Out:
    case RedirOp::Append:
    case RedirOp::ReadWrite: {
        if (target == "/dev/null") {
            slot = FdTarget{FdTarget::Kind::Null, 0, {}};
            return true;
        }
        if (target == "/dev/stdout" || target == "/dev/stderr") {
            slot = m_p.m_fds[target == "/dev/stdout" ? 1 : 2];
            return true;
        }
        const std::string path = absolute(target);
        fs::ContainerFiles& fsv = files();
        fs::Error e = fs::Error::None;
        if (r.op == RedirOp::Out)
            e = fsv.writeFile(path, "", fs::WriteMode::Truncate);
        else
            e = fsv.appendFile(path, "");
        if (e != fs::Error::None) {
            // ash's wording: "can't create /x/y: nonexistent directory" for a missing directory.
            std::string reason = e == fs::Error::NoEntry ? "nonexistent directory" : fs::message(e);
            shellError("can't create " + target + ": " + reason);
            return false;
        }
        slot = FdTarget{FdTarget::Kind::File, 0, path};
        return true;
    }
    case RedirOp::In: {
        std::string data;
        const fs::Error e = files().readFile(absolute(target), data);
        if (e != fs::Error::None) {
            shellError("can't open " + target + ": " + (e == fs::Error::NoEntry ? "no such file" : fs::message(e)));
            return false;
        }
        m_p.m_buffers.push_back(ShellProcess::Buffer{std::move(data), 0});
        slot = FdTarget{FdTarget::Kind::Buffer, uint32_t(m_p.m_buffers.size() - 1), {}};
        return true;
    }
    case RedirOp::HereDoc:
        m_p.m_buffers.push_back(ShellProcess::Buffer{hereDoc, 0});
        slot = FdTarget{FdTarget::Kind::Buffer, uint32_t(m_p.m_buffers.size() - 1), {}};
        return true;
    case RedirOp::DupOut:
    case RedirOp::DupIn: {
        if (target == "-") {
            slot = FdTarget{};
            return true;
        }
        if (target.size() == 1 && target[0] >= '0' && target[0] <= '9') {
            slot = m_p.m_fds[size_t(target[0] - '0')];
            return true;
        }
        shellError(target + ": bad file descriptor");
        return false;
    }
    }
    return true;
}

void Runner::write(int fd, std::string_view text)
{
    if (text.empty() || fd < 0 || fd > 9)
        return;
    const FdTarget& t = m_p.m_fds[size_t(fd)];
    switch (t.kind) {
    case FdTarget::Kind::Out:
        m_host.writeOut(text);
        break;
    case FdTarget::Kind::Err:
        m_host.writeErr(text);
        break;
    case FdTarget::Kind::File:
        files().appendFile(t.path, text);
        break;
    case FdTarget::Kind::Buffer:
        m_p.m_buffers[t.buffer].data.append(text);
        break;
    case FdTarget::Kind::Null:
    case FdTarget::Kind::Closed:
        break;
    }
}

std::string Runner::readStdin()
{
    const FdTarget& t = m_p.m_fds[0];
    if (t.kind == FdTarget::Kind::Buffer) {
        ShellProcess::Buffer& b = m_p.m_buffers[t.buffer];
        std::string rest = b.data.substr(std::min(b.readPos, b.data.size()));
        b.readPos = b.data.size();
        return rest;
    }
    if (t.kind == FdTarget::Kind::File) {
        std::string data;
        files().readFile(t.path, data);
        return data;
    }
    return {};
}

void Runner::shellError(std::string_view message)
{
    std::string line = m_p.m_state.arg0;
    line += ": ";
    line.append(message);
    line += '\n';
    err(line);
}

std::string Runner::absolute(std::string_view path) const
{
    if (!path.empty() && path.front() == '/')
        return std::string(path);
    std::string p = m_p.m_state.cwd;
    if (p.empty() || p.back() != '/')
        p += '/';
    p.append(path);
    return p;
}

} // namespace podlab::sim::shell
