#include "program.h"

#include <array>
#include <charconv>
#include <utility>

namespace podlab::sim {

namespace {

constexpr std::array<std::pair<Program::Model, std::string_view>, 12> kModels{{
    {Program::Model::Shell, "shell"},
    {Program::Model::Utility, "utility"},
    {Program::Model::HttpServer, "http-server"},
    {Program::Model::ScriptedHttp, "scripted-http"},
    {Program::Model::TcpServer, "tcp-server"},
    {Program::Model::GrpcHealth, "grpc-health"},
    {Program::Model::Sleeper, "sleeper"},
    {Program::Model::MemoryHog, "memory-hog"},
    {Program::Model::CpuBurner, "cpu-burner"},
    {Program::Model::Printer, "printer"},
    {Program::Model::Agnhost, "agnhost"},
    {Program::Model::ExecWrapper, "exec-wrapper"},
}};

// Linux x86-64 numbering, the one `kill -l` prints on the nodes PodLab pretends to be.
constexpr std::array<std::pair<int, std::string_view>, 20> kSignals{{
    {1, "SIGHUP"},   {2, "SIGINT"},   {3, "SIGQUIT"},  {4, "SIGILL"},   {6, "SIGABRT"},
    {7, "SIGBUS"},   {8, "SIGFPE"},   {9, "SIGKILL"},  {10, "SIGUSR1"}, {11, "SIGSEGV"},
    {12, "SIGUSR2"}, {13, "SIGPIPE"}, {14, "SIGALRM"}, {15, "SIGTERM"}, {17, "SIGCHLD"},
    {18, "SIGCONT"}, {19, "SIGSTOP"}, {20, "SIGTSTP"}, {23, "SIGURG"},  {28, "SIGWINCH"},
}};

} // namespace

const Program* Program::subcommand(std::string_view wanted) const
{
    for (const Program& p : subcommands)
        if (p.name == wanted)
            return &p;
    return nullptr;
}

std::string_view modelName(Program::Model model)
{
    for (const auto& [m, name] : kModels)
        if (m == model)
            return name;
    return {};
}

std::optional<Program::Model> modelFromName(std::string_view name)
{
    for (const auto& [m, n] : kModels)
        if (n == name)
            return m;
    return std::nullopt;
}

int signalNumber(std::string_view name)
{
    int number = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), number);
    if (ec == std::errc() && end == name.data() + name.size())
        return signalName(number).empty() ? 0 : number;
    for (const auto& [n, full] : kSignals)
        if (full == name || full.substr(3) == name)
            return n;
    return 0;
}

std::string_view signalName(int number)
{
    for (const auto& [n, full] : kSignals)
        if (n == number)
            return full;
    return {};
}

} // namespace podlab::sim
