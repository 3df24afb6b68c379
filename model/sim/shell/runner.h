#pragma once

#include "filecommands.h"
#include "pattern.h"
#include "shellprocess.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::shell {

// The step machine behind ShellProcess::run: lives for one run() call, so it may hold the host and the
// process by reference while the process itself stays a pointer-free value.
class Runner : private CommandIo {
public:
    Runner(ShellProcess& p, ShellHost& host, SimTime now);
    StepResult run();

    using Frame = ShellProcess::Frame;
    using FrameKind = ShellProcess::FrameKind;
    using FdTarget = ShellProcess::FdTarget;
    using Argv = std::vector<std::string>;

    // Returned by a builtin that pushed a frame to finish later (sleep, tail -F, a running program).
    static constexpr int kPending = -1000;

private:
    // ---- frames (runner.cpp) -------------------------------------------------------------------------
    enum class Step : uint8_t { Continue, Yield };
    Step step();
    Step stepNode(size_t index);
    Step stepSimple(size_t index);
    Step stepExec(size_t index);
    void push(Frame f);
    void pushNode(uint16_t script, uint32_t node, bool condition = false);
    // Ends the top frame with `status`, releasing what it holds.
    void pop(int status);
    void release(const Frame& f);
    Frame& top() { return m_p.m_frames.back(); }
    const Script& script(uint16_t s) const { return *m_p.m_scripts[s]; }
    bool unwindStep();
    void startExit(int status);
    void finishProcess(int status);
    bool deliverPendingTrap();
    uint16_t addScript(std::string_view text);
    Step yield(StepResult::Kind kind, SimTime at);

    // ---- commands --------------------------------------------------------------------------------------
    // Runs a command by name; returns its status or kPending.
    int runCommand(Argv& argv, size_t frameIndex);
    int runApplet(std::string_view name, Argv& argv);
    bool applyRedirs(const Node& node, uint16_t scriptIndex, size_t frameIndex, bool& needSubst);
    bool openRedir(const Redir& r, const std::string& target, const std::string& hereDoc);
    void saveFd(int fd);
    void enterSubshell(Frame& f);

    // ---- I/O -------------------------------------------------------------------------------------------
    void write(int fd, std::string_view text);
    void out(std::string_view text) override { write(1, text); }
    void err(std::string_view text) override { write(2, text); }
    // "sh: " as the shell prefixes its own messages (argv[0] of the shell).
    void shellError(std::string_view message) override;
    std::string readStdin() override;
    std::string absolute(std::string_view path) const;
    fs::ContainerFiles& files() override;
    std::string_view workingDirectory() const override { return m_p.m_state.cwd; }

    // ---- variables (expand.cpp) --------------------------------------------------------------------------
    const ShellProcess::Var* findVar(std::string_view name) const;
    const std::string* getVar(std::string_view name) const;
    bool setVar(std::string_view name, std::string_view value, bool exported = false);
    void unsetVar(std::string_view name);
    std::optional<std::string> special(std::string_view name) const;
    Environment environment() const;

    // ---- expansion (expand.cpp) ----------------------------------------------------------------------
    struct Field {
        std::string value;
        std::string pattern; // value with glob-active characters; quoted ones escaped
        bool glob = false;
        bool started = false;
    };
    enum class ExpandMode : uint8_t { Fields, Single, Pattern };
    struct ExpandCtx {
        Frame& frame;
        uint16_t script;
        size_t substUsed = 0;
        uint32_t needNode = kNone; // set when a command substitution has no result yet
        bool failed = false;       // an expansion error ended the shell
    };
    // Appends the fields of `word` to `out`; false if a substitution must run first (ctx.needNode).
    bool expandWord(ExpandCtx& ctx, uint32_t word, std::vector<std::string>& out);
    bool expandSingle(ExpandCtx& ctx, uint32_t word, std::string& out, ExpandMode mode = ExpandMode::Single);
    bool expandParts(ExpandCtx& ctx, const Word& w, std::vector<Field>& fields, ExpandMode mode);
    bool expandParam(ExpandCtx& ctx, const WordPart& part, std::vector<Field>& fields, ExpandMode mode);
    void appendText(std::vector<Field>& fields, std::string_view text, bool quoted, ExpandMode mode);
    void finishFields(std::vector<Field>& fields, std::vector<std::string>& out);
    void globInto(const Field& f, std::vector<std::string>& out);
    bool arithmetic(std::string_view expr, int64_t& result);
    // Starts the command substitution `ctx` needs; the frame retries its expansion when it is done.
    Step runSubstitution(ExpandCtx& ctx, size_t frameIndex);
    void exitOnExpansionError(std::string_view message);

    // ---- builtins (builtins.cpp) ----------------------------------------------------------------------
    int biColon(Argv& a);
    int biCd(Argv& a);
    int biPwd(Argv& a);
    int biEcho(Argv& a);
    int biPrintf(Argv& a);
    int biTest(Argv& a, bool bracket);
    int biExport(Argv& a);
    int biReadonly(Argv& a);
    int biUnset(Argv& a);
    int biSet(Argv& a);
    int biShift(Argv& a);
    int biExit(Argv& a);
    int biReturn(Argv& a);
    int biBreak(Argv& a, bool isContinue);
    int biTrap(Argv& a);
    int biKill(Argv& a);
    int biEval(Argv& a, size_t frameIndex);
    int biDot(Argv& a, size_t frameIndex);
    int biRead(Argv& a);
    int biType(Argv& a);
    int biWait(Argv& a);
    int biExec(Argv& a, size_t frameIndex);
    int biUmask(Argv& a);
    int biLocal(Argv& a);
public:
    // Shared with [[ ]]: evaluates a test expression over already expanded words. Status 0, 1 or 2.
    int evalTest(const std::vector<std::string>& words, const std::vector<uint8_t>* ops, bool doubleBracket,
                 std::string_view name);

private:
    // applets (applets.cpp)
    int apCat(Argv& a);
    int apLs(Argv& a);
    int apTouch(Argv& a);
    int apRm(Argv& a);
    int apMkdir(Argv& a);
    int apRmdir(Argv& a);
    int apCp(Argv& a);
    int apMv(Argv& a);
    int apLn(Argv& a);
    int apSleep(Argv& a);
    int apDate(Argv& a);
    int apEnv(Argv& a);
    int apPrintenv(Argv& a);
    int apHostname(Argv& a);
    int apBasename(Argv& a);
    int apDirname(Argv& a);
    int apId(Argv& a, bool whoami);
    int apUname(Argv& a);
    int apGrep(Argv& a);
    int apHeadTail(Argv& a, bool tail);
    int apWc(Argv& a);
    int apSeq(Argv& a);
    int apExpr(Argv& a);
    int apWget(Argv& a);
    int apCurl(Argv& a);
    int apNc(Argv& a);
    int apPs(Argv& a);
    int apWhich(Argv& a);
    int apKillall(Argv& a);
    int apSort(Argv& a);
    int apTr(Argv& a);
    int apReadlink(Argv& a);
    int apRealpath(Argv& a);
    int apChmod(Argv& a);
    int apTee(Argv& a);
    int apCut(Argv& a);
    int apNproc(Argv& a);
    int pendingFinish(SimTime delay, int status, std::string outText, std::string errText);

    ShellProcess& m_p;
    ShellHost& m_host;
    SimTime m_now;
    int m_budget;
    StepResult m_yield;
    std::string m_scratch; // reused output buffer (cat), so that a probe's `cat` allocates nothing new
    uint32_t m_line = 1;   // line of the command being run, for ash's "line N:" messages
};

} // namespace podlab::sim::shell
