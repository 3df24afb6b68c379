#include "fakehost.h"

#include <QTest>

using namespace podlab::sim;
using namespace podlab::sim::shell;
using podlab::sim::shell::testing::FakeHost;

namespace {

struct Outcome {
    QString out;
    QString err;
    int status = 0;
};

Outcome runScript(const QString& script, FakeHost& host)
{
    ShellProcess p = ShellProcess::fromScript(Script::parse(script.toStdString()), {"sh"}, {{"PATH", "/bin"}, {"HOME", "/root"}});
    const StepResult r = host.runUntilExit(p);
    return {QString::fromStdString(host.out), QString::fromStdString(host.err),
            r.kind == StepResult::Kind::Exited ? r.exitCode : -1};
}

} // namespace

// Grammar and builtins, one row per behaviour. The expected output, error output and exit status of every
// row were taken from busybox 1.35's `sh -c` (only $0 and the location of binaries differ).
class TestShellScript : public QObject {
    Q_OBJECT

private slots:
    void busyboxBehaviour_data();
    void busyboxBehaviour();
    void fileCommands_data();
    void fileCommands();
    void parseIsSharedAndErrorsAreReported();
};

void TestShellScript::busyboxBehaviour_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("status");

    QTest::newRow("echo") << QStringLiteral("echo hello world")
        << QStringLiteral("hello world\n") << QStringLiteral("") << 0;
    QTest::newRow("echo -n") << QStringLiteral("echo -n a; echo b")
        << QStringLiteral("ab\n") << QStringLiteral("") << 0;
    QTest::newRow("echo -e escapes") << QStringLiteral("echo -e 'a\\tb\\nc'")
        << QStringLiteral("a\tb\nc\n") << QStringLiteral("") << 0;
    QTest::newRow("echo -en newline") << QStringLiteral("echo -en '\\n'; echo x")
        << QStringLiteral("\nx\n") << QStringLiteral("") << 0;
    QTest::newRow("echo without -e keeps backslashes") << QStringLiteral("echo 'a\\nb'")
        << QStringLiteral("a\\nb\n") << QStringLiteral("") << 0;
    QTest::newRow("echo \\c stops") << QStringLiteral("echo -e 'ab\\cde'; echo")
        << QStringLiteral("ab\n") << QStringLiteral("") << 0;
    QTest::newRow("echo -- is an operand") << QStringLiteral("echo -- a")
        << QStringLiteral("-- a\n") << QStringLiteral("") << 0;
    QTest::newRow("single quotes") << QStringLiteral("echo 'a  $b \"c\"'")
        << QStringLiteral("a  $b \"c\"\n") << QStringLiteral("") << 0;
    QTest::newRow("double quotes") << QStringLiteral("X=1; echo \"x=$X  'y'\"")
        << QStringLiteral("x=1  'y'\n") << QStringLiteral("") << 0;
    QTest::newRow("backslash escapes") << QStringLiteral("echo a\\ b \\$X \\\\")
        << QStringLiteral("a b $X \\\n") << QStringLiteral("") << 0;
    QTest::newRow("dq backslash") << QStringLiteral("echo \"a\\\"b\\$c\\\\d\\e\"")
        << QStringLiteral("a\"b$c\\d\\e\n") << QStringLiteral("") << 0;
    QTest::newRow("empty quotes make a field") << QStringLiteral("set -- '' b; echo $#")
        << QStringLiteral("2\n") << QStringLiteral("") << 0;
    QTest::newRow("adjacent quotes join") << QStringLiteral("echo 'a'\"b\"c")
        << QStringLiteral("abc\n") << QStringLiteral("") << 0;
    QTest::newRow("variable and braces") << QStringLiteral("A=x; echo $A ${A}y ${A}_z $A_z.")
        << QStringLiteral("x xy x_z .\n") << QStringLiteral("") << 0;
    QTest::newRow("unset default") << QStringLiteral("echo ${U:-def} ${U-def2} [${U}]")
        << QStringLiteral("def def2 []\n") << QStringLiteral("") << 0;
    QTest::newRow("empty default") << QStringLiteral("E=; echo ${E:-d1} [${E-d2}]")
        << QStringLiteral("d1 []\n") << QStringLiteral("") << 0;
    QTest::newRow("assign default") << QStringLiteral("echo ${N:=new}; echo $N")
        << QStringLiteral("new\nnew\n") << QStringLiteral("") << 0;
    QTest::newRow("alternative") << QStringLiteral("A=1; E=; echo [${A:+alt}] [${E:+alt}] [${U+alt}] [${E+alt}]")
        << QStringLiteral("[alt] [] [] [alt]\n") << QStringLiteral("") << 0;
    QTest::newRow("length") << QStringLiteral("A=hello; echo ${#A}")
        << QStringLiteral("5\n") << QStringLiteral("") << 0;
    QTest::newRow("remove suffix/prefix") << QStringLiteral("P=/a/b/c.tar.gz; echo ${P%.*} ${P%%.*} ${P#*/} ${P##*/}")
        << QStringLiteral("/a/b/c.tar /a/b/c a/b/c.tar.gz c.tar.gz\n") << QStringLiteral("") << 0;
    QTest::newRow("replace") << QStringLiteral("S=aXbXc; echo ${S/X/-} ${S//X/-}")
        << QStringLiteral("a-bXc a-b-c\n") << QStringLiteral("") << 0;
    QTest::newRow("substring") << QStringLiteral("S=abcdef; echo ${S:2} ${S:1:3}")
        << QStringLiteral("cdef bcd\n") << QStringLiteral("") << 0;
    QTest::newRow("error expansion") << QStringLiteral("echo ${MISSING:?is required}; echo after")
        << QStringLiteral("") << QStringLiteral("sh: MISSING: is required\n") << 2;
    QTest::newRow("special $?") << QStringLiteral("false; echo $?; true; echo $?")
        << QStringLiteral("1\n0\n") << QStringLiteral("") << 0;
    QTest::newRow("$#") << QStringLiteral("set -- a b c; echo $# $1 $3")
        << QStringLiteral("3 a c\n") << QStringLiteral("") << 0;
    QTest::newRow("$@ quoted keeps fields") << QStringLiteral("set -- a 'b c'; for x in \"$@\"; do echo \"[$x]\"; done")
        << QStringLiteral("[a]\n[b c]\n") << QStringLiteral("") << 0;
    QTest::newRow("$* joins") << QStringLiteral("set -- a 'b c'; echo \"$*\"")
        << QStringLiteral("a b c\n") << QStringLiteral("") << 0;
    QTest::newRow("$@ unquoted splits") << QStringLiteral("set -- a 'b c'; for x in $@; do echo \"[$x]\"; done")
        << QStringLiteral("[a]\n[b]\n[c]\n") << QStringLiteral("") << 0;
    QTest::newRow("empty $@ is no field") << QStringLiteral("set --; for x in \"$@\"; do echo no; done; echo done")
        << QStringLiteral("done\n") << QStringLiteral("") << 0;
    QTest::newRow("$0 is sh") << QStringLiteral("echo $0")
        << QStringLiteral("sh\n") << QStringLiteral("") << 0;
    QTest::newRow("field splitting") << QStringLiteral("V='a   b  c'; for w in $V; do echo \"<$w>\"; done")
        << QStringLiteral("<a>\n<b>\n<c>\n") << QStringLiteral("") << 0;
    QTest::newRow("quoted no splitting") << QStringLiteral("V='a   b'; echo \"$V\"")
        << QStringLiteral("a   b\n") << QStringLiteral("") << 0;
    QTest::newRow("IFS colon") << QStringLiteral("IFS=:; V=a:b::c; for w in $V; do echo \"<$w>\"; done")
        << QStringLiteral("<a>\n<b>\n<>\n<c>\n") << QStringLiteral("") << 0;
    QTest::newRow("command substitution") << QStringLiteral("echo $(echo hi) `echo there`")
        << QStringLiteral("hi there\n") << QStringLiteral("") << 0;
    QTest::newRow("command substitution strips newlines") << QStringLiteral("X=$(printf 'a\\n\\n\\n'); echo \"[$X]\"")
        << QStringLiteral("[a]\n") << QStringLiteral("") << 0;
    QTest::newRow("nested substitution") << QStringLiteral("echo $(echo $(echo deep))")
        << QStringLiteral("deep\n") << QStringLiteral("") << 0;
    QTest::newRow("substitution status") << QStringLiteral("X=$(false); echo $?; X=$(true); echo $?")
        << QStringLiteral("1\n0\n") << QStringLiteral("") << 0;
    QTest::newRow("substitution is a subshell") << QStringLiteral("X=1; Y=$(X=2; echo $X); echo $X $Y")
        << QStringLiteral("1 2\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic") << QStringLiteral("echo $((1+2*3)) $((10/3)) $((10%3)) $((2**8)) $(( (1+2)*3 ))")
        << QStringLiteral("7 3 1 256 9\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic variables") << QStringLiteral("A=5; echo $((A+1)) $(($A*2)); B=$((A+=2)); echo $A $B")
        << QStringLiteral("6 10\n7 7\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic comparisons") << QStringLiteral("echo $((3>2)) $((3<2)) $((1==1)) $((1!=1)) $((1&&0)) $((1||0)) $((!0))")
        << QStringLiteral("1 0 1 0 0 1 1\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic ternary and bits") << QStringLiteral("echo $((1?10:20)) $((6&3)) $((6|3)) $((6^3)) $((1<<4)) $((256>>2)) $((~0))")
        << QStringLiteral("10 2 7 5 16 64 -1\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic increments") << QStringLiteral("i=1; echo $((i++)) $i $((++i)) $i $((i--)) $i")
        << QStringLiteral("1 2 3 3 3 2\n") << QStringLiteral("") << 0;
    QTest::newRow("arithmetic hex octal") << QStringLiteral("echo $((0x1F)) $((010)) $((-5+2))")
        << QStringLiteral("31 8 -3\n") << QStringLiteral("") << 0;
    QTest::newRow("divide by zero") << QStringLiteral("echo $((1/0)); echo after")
        << QStringLiteral("") << QStringLiteral("sh: divide by zero\n") << 2;
    QTest::newRow("arithmetic syntax error") << QStringLiteral("echo $((1+)); echo after")
        << QStringLiteral("") << QStringLiteral("sh: arithmetic syntax error\n") << 2;
    QTest::newRow("assignment before command is temporary") << QStringLiteral("X=1; X=2 sh -c 'echo in $X'; echo out $X")
        << QStringLiteral("in 2\nout 1\n") << QStringLiteral("") << 0;
    QTest::newRow("export") << QStringLiteral("export E1=v; sh -c 'echo $E1'; F=w; sh -c 'echo [$F]'; export F; sh -c 'echo $F'")
        << QStringLiteral("v\n[]\nw\n") << QStringLiteral("") << 0;
    QTest::newRow("unset") << QStringLiteral("X=1; unset X; echo [${X-unset}]")
        << QStringLiteral("[unset]\n") << QStringLiteral("") << 0;
    QTest::newRow("readonly") << QStringLiteral("readonly R=1; R=2; echo after")
        << QStringLiteral("") << QStringLiteral("sh: R: is read only\n") << 2;
    QTest::newRow("semicolons and &&/||") << QStringLiteral("true && echo a; false && echo b; false || echo c; true || echo d")
        << QStringLiteral("a\nc\n") << QStringLiteral("") << 0;
    QTest::newRow("and-or chain") << QStringLiteral("false && echo x || echo y")
        << QStringLiteral("y\n") << QStringLiteral("") << 0;
    QTest::newRow("bang") << QStringLiteral("! true; echo $?; ! false; echo $?")
        << QStringLiteral("1\n0\n") << QStringLiteral("") << 0;
    QTest::newRow("pipeline") << QStringLiteral("echo hello | cat")
        << QStringLiteral("hello\n") << QStringLiteral("") << 0;
    QTest::newRow("pipeline status is last") << QStringLiteral("false | true; echo $?; true | false; echo $?")
        << QStringLiteral("0\n1\n") << QStringLiteral("") << 0;
    QTest::newRow("pipeline stages are subshells") << QStringLiteral("X=1; echo | X=2; echo $X")
        << QStringLiteral("1\n") << QStringLiteral("") << 0;
    QTest::newRow("pipeline into while read") << QStringLiteral("printf 'a\\nb\\n' | while read l; do echo \"got $l\"; done")
        << QStringLiteral("got a\ngot b\n") << QStringLiteral("") << 0;
    QTest::newRow("three stage pipeline") << QStringLiteral("printf 'c\\na\\nb\\n' | sort | head -n 2")
        << QStringLiteral("a\nb\n") << QStringLiteral("") << 0;
    QTest::newRow("if then else") << QStringLiteral("if true; then echo yes; else echo no; fi")
        << QStringLiteral("yes\n") << QStringLiteral("") << 0;
    QTest::newRow("if else") << QStringLiteral("if false; then echo yes; else echo no; fi")
        << QStringLiteral("no\n") << QStringLiteral("") << 0;
    QTest::newRow("elif") << QStringLiteral("X=2; if [ $X = 1 ]; then echo one; elif [ $X = 2 ]; then echo two; else echo other; fi")
        << QStringLiteral("two\n") << QStringLiteral("") << 0;
    QTest::newRow("if without match") << QStringLiteral("if false; then echo x; fi; echo $?")
        << QStringLiteral("0\n") << QStringLiteral("") << 0;
    QTest::newRow("while loop") << QStringLiteral("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done")
        << QStringLiteral("0\n1\n2\n") << QStringLiteral("") << 0;
    QTest::newRow("until loop") << QStringLiteral("i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done")
        << QStringLiteral("0\n1\n") << QStringLiteral("") << 0;
    QTest::newRow("for loop") << QStringLiteral("for x in a b c; do echo $x; done")
        << QStringLiteral("a\nb\nc\n") << QStringLiteral("") << 0;
    QTest::newRow("for over positional") << QStringLiteral("set -- p q; for x; do echo $x; done")
        << QStringLiteral("p\nq\n") << QStringLiteral("") << 0;
    QTest::newRow("break and continue") << QStringLiteral("for i in 1 2 3 4 5; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done")
        << QStringLiteral("1\n3\n") << QStringLiteral("") << 0;
    QTest::newRow("break 2") << QStringLiteral("for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done; echo end")
        << QStringLiteral("1x\nend\n") << QStringLiteral("") << 0;
    QTest::newRow("break outside loop") << QStringLiteral("break; echo after")
        << QStringLiteral("after\n") << QStringLiteral("") << 0;
    QTest::newRow("case") << QStringLiteral("case abc in a*) echo m1;; *) echo m2;; esac")
        << QStringLiteral("m1\n") << QStringLiteral("") << 0;
    QTest::newRow("case alternatives") << QStringLiteral("for w in foo bar baz; do case $w in foo|bar) echo \"$w: fb\";; *) echo \"$w: other\";; esac; done")
        << QStringLiteral("foo: fb\nbar: fb\nbaz: other\n") << QStringLiteral("") << 0;
    QTest::newRow("case no match") << QStringLiteral("case x in y) echo y;; esac; echo $?")
        << QStringLiteral("0\n") << QStringLiteral("") << 0;
    QTest::newRow("case bracket pattern") << QStringLiteral("case b in [abc]) echo in;; esac; case z in [!abc]) echo out;; esac")
        << QStringLiteral("in\nout\n") << QStringLiteral("") << 0;
    QTest::newRow("brace group") << QStringLiteral("{ echo a; echo b; } | wc -l")
        << QStringLiteral("2\n") << QStringLiteral("") << 0;
    QTest::newRow("subshell") << QStringLiteral("X=1; (X=2; echo $X); echo $X")
        << QStringLiteral("2\n1\n") << QStringLiteral("") << 0;
    QTest::newRow("subshell exit") << QStringLiteral("(exit 3); echo $?")
        << QStringLiteral("3\n") << QStringLiteral("") << 0;
    QTest::newRow("function") << QStringLiteral("f() { echo \"f:$1:$#\"; return 4; }; f a b; echo $?")
        << QStringLiteral("f:a:2\n4\n") << QStringLiteral("") << 0;
    QTest::newRow("function sees globals") << QStringLiteral("g() { Y=set; }; g; echo $Y")
        << QStringLiteral("set\n") << QStringLiteral("") << 0;
    QTest::newRow("local") << QStringLiteral("X=out; f() { local X=in; echo $X; }; f; echo $X")
        << QStringLiteral("in\nout\n") << QStringLiteral("") << 0;
    QTest::newRow("exit status") << QStringLiteral("exit 3")
        << QStringLiteral("") << QStringLiteral("") << 3;
    QTest::newRow("exit in function ends shell") << QStringLiteral("f() { exit 5; }; f; echo no")
        << QStringLiteral("") << QStringLiteral("") << 5;
    QTest::newRow("exit with bad number") << QStringLiteral("exit foo")
        << QStringLiteral("") << QStringLiteral("sh: exit: line 0: Illegal number: foo\n") << 2;
    QTest::newRow("exit trap") << QStringLiteral("trap 'echo bye' EXIT; echo hi")
        << QStringLiteral("hi\nbye\n") << QStringLiteral("") << 0;
    QTest::newRow("exit trap keeps status") << QStringLiteral("trap 'echo bye' EXIT; exit 4")
        << QStringLiteral("bye\n") << QStringLiteral("") << 4;
    QTest::newRow("trap listing") << QStringLiteral("trap 'echo x' TERM INT; trap")
        << QStringLiteral("trap -- 'echo x' INT\ntrap -- 'echo x' TERM\n") << QStringLiteral("") << 0;
    QTest::newRow("test strings") << QStringLiteral("[ a = a ] && echo 1; [ a != b ] && echo 2; [ -z '' ] && echo 3; [ -n x ] && echo 4")
        << QStringLiteral("1\n2\n3\n4\n") << QStringLiteral("") << 0;
    QTest::newRow("test numbers") << QStringLiteral("[ 2 -gt 1 ] && echo gt; [ 1 -le 1 ] && echo le; [ 3 -eq 4 ] || echo ne")
        << QStringLiteral("gt\nle\nne\n") << QStringLiteral("") << 0;
    QTest::newRow("test combined") << QStringLiteral("[ 1 = 1 -a 2 = 2 ] && echo and; [ 1 = 2 -o 2 = 2 ] && echo or; [ ! 1 = 2 ] && echo not")
        << QStringLiteral("and\nor\nnot\n") << QStringLiteral("") << 0;
    QTest::newRow("test missing bracket") << QStringLiteral("[ 1 = 1; echo $?")
        << QStringLiteral("2\n") << QStringLiteral("sh: missing ]\n") << 0;
    QTest::newRow("test bad number") << QStringLiteral("[ a -eq 1 ]; echo $?")
        << QStringLiteral("2\n") << QStringLiteral("sh: a: bad number\n") << 0;
    QTest::newRow("test one arg") << QStringLiteral("[ x ] && echo nonempty; [ '' ] || echo empty")
        << QStringLiteral("nonempty\nempty\n") << QStringLiteral("") << 0;
    QTest::newRow("double bracket") << QStringLiteral("[[ -e /tmp ]] && echo exists; [[ abc == a* ]] && echo glob; [[ 1 -eq 1 && 2 -eq 2 ]] && echo and")
        << QStringLiteral("exists\nglob\nand\n") << QStringLiteral("") << 0;
    QTest::newRow("double bracket or not") << QStringLiteral("[[ ! -e /nonexistent || 1 -eq 2 ]] && echo ok")
        << QStringLiteral("ok\n") << QStringLiteral("") << 0;
    QTest::newRow("double bracket regex") << QStringLiteral("[[ abc =~ ^a.c$ ]] && echo re")
        << QStringLiteral("re\n") << QStringLiteral("") << 0;
    QTest::newRow("test file ops") << QStringLiteral("[ -d /tmp ] && echo dir; [ -f /tmp ] || echo notfile; [ -e /nonexistent ] || echo missing")
        << QStringLiteral("dir\nnotfile\nmissing\n") << QStringLiteral("") << 0;
    QTest::newRow("printf basics") << QStringLiteral("printf '%s-%d%%\\n' ab 12")
        << QStringLiteral("ab-12%\n") << QStringLiteral("") << 0;
    QTest::newRow("printf width") << QStringLiteral("printf '%5s|%-5s|%03d\\n' a b 7")
        << QStringLiteral("    a|b    |007\n") << QStringLiteral("") << 0;
    QTest::newRow("printf reuses format") << QStringLiteral("printf '%s\\n' a b c")
        << QStringLiteral("a\nb\nc\n") << QStringLiteral("") << 0;
    QTest::newRow("printf invalid number") << QStringLiteral("printf 'x=%d\\n' abc; echo $?")
        << QStringLiteral("x=0\n1\n") << QStringLiteral("sh: invalid number 'abc'\n") << 0;
    QTest::newRow("printf no newline") << QStringLiteral("printf abc; echo")
        << QStringLiteral("abc\n") << QStringLiteral("") << 0;
    QTest::newRow("printf escapes in %b") << QStringLiteral("printf '%b' 'a\\tb\\n'")
        << QStringLiteral("a\tb\n") << QStringLiteral("") << 0;
    QTest::newRow("printf char and hex") << QStringLiteral("printf '%c %x %X %o\\n' hello 255 255 8")
        << QStringLiteral("h ff FF 10\n") << QStringLiteral("") << 0;
    QTest::newRow("not found") << QStringLiteral("nosuchcmd; echo $?")
        << QStringLiteral("127\n") << QStringLiteral("sh: nosuchcmd: not found\n") << 0;
    QTest::newRow("not found redirected") << QStringLiteral("nosuchcmd 2>/dev/null; echo $?")
        << QStringLiteral("127\n") << QStringLiteral("") << 0;
    QTest::newRow("syntax error fi") << QStringLiteral("fi")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected \"fi\"\n") << 2;
    QTest::newRow("syntax error unexpected eof") << QStringLiteral("if true; then")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected end of file (expecting \"fi\")\n") << 2;
    QTest::newRow("syntax error quote") << QStringLiteral("echo \"abc")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unterminated quoted string\n") << 2;
    QTest::newRow("syntax error paren") << QStringLiteral(")")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected \")\"\n") << 2;
    QTest::newRow("syntax error and") << QStringLiteral("echo a && && echo b")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected \"&&\"\n") << 2;
    QTest::newRow("syntax error brace") << QStringLiteral("echo a; }")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected \"}\"\n") << 2;
    QTest::newRow("syntax error done") << QStringLiteral("while true; do")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected end of file (expecting \"done\")\n") << 2;
    QTest::newRow("syntax error subst") << QStringLiteral("echo $(echo a")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: unexpected end of file (expecting \")\")\n") << 2;
    QTest::newRow("syntax error missing brace") << QStringLiteral("echo ${x")
        << QStringLiteral("") << QStringLiteral("sh: syntax error: missing '}'\n") << 2;
    QTest::newRow("syntax error on line 2 runs line 1") << QStringLiteral("echo first\nfi")
        << QStringLiteral("first\n") << QStringLiteral("sh: syntax error: unexpected \"fi\"\n") << 2;
    QTest::newRow("comments") << QStringLiteral("echo a # not this\n# nor this\necho b")
        << QStringLiteral("a\nb\n") << QStringLiteral("") << 0;
    QTest::newRow("line continuation") << QStringLiteral("echo a \\\nb")
        << QStringLiteral("a b\n") << QStringLiteral("") << 0;
    QTest::newRow("newlines as separators") << QStringLiteral("echo a\necho b\n\necho c")
        << QStringLiteral("a\nb\nc\n") << QStringLiteral("") << 0;
    QTest::newRow("heredoc") << QStringLiteral("cat <<EOF\nhello $USER_X\nline2\nEOF")
        << QStringLiteral("hello \nline2\n") << QStringLiteral("") << 0;
    QTest::newRow("heredoc quoted") << QStringLiteral("X=1; cat <<'EOF'\n$X stays\nEOF")
        << QStringLiteral("$X stays\n") << QStringLiteral("") << 0;
    QTest::newRow("heredoc strip tabs") << QStringLiteral("cat <<-EOF\n\tindented\n\tEOF")
        << QStringLiteral("indented\n") << QStringLiteral("") << 0;
    QTest::newRow("redirect to /dev/null") << QStringLiteral("echo hidden > /dev/null; echo shown")
        << QStringLiteral("shown\n") << QStringLiteral("") << 0;
    QTest::newRow("stderr to stdout") << QStringLiteral("nosuch 2>&1 | cat")
        << QStringLiteral("sh: nosuch: not found\n") << QStringLiteral("") << 0;
    QTest::newRow("stderr to null") << QStringLiteral("cat /nonexistent 2>/dev/null; echo $?")
        << QStringLiteral("1\n") << QStringLiteral("") << 0;
    QTest::newRow("stdout to stderr") << QStringLiteral("echo to-err >&2")
        << QStringLiteral("") << QStringLiteral("to-err\n") << 0;
    QTest::newRow("eval") << QStringLiteral("CMD='echo evaluated'; eval $CMD; eval 'X=5'; echo $X")
        << QStringLiteral("evaluated\n5\n") << QStringLiteral("") << 0;
    QTest::newRow("shift") << QStringLiteral("set -- a b c; shift; echo $@; shift 2; echo $#")
        << QStringLiteral("b c\n0\n") << QStringLiteral("") << 0;
    QTest::newRow("set -e") << QStringLiteral("set -e; echo a; false; echo b")
        << QStringLiteral("a\n") << QStringLiteral("") << 1;
    QTest::newRow("set -e ignores conditions") << QStringLiteral("set -e; if false; then :; fi; false || true; echo survived")
        << QStringLiteral("survived\n") << QStringLiteral("") << 0;
    QTest::newRow("colon and true false") << QStringLiteral(": ; echo $?; true; echo $?; false; echo $?")
        << QStringLiteral("0\n0\n1\n") << QStringLiteral("") << 0;
    QTest::newRow("type") << QStringLiteral("type echo cat")
        << QStringLiteral("echo is a shell builtin\ncat is /bin/cat\n") << QStringLiteral("") << 0;
    QTest::newRow("seq") << QStringLiteral("seq 3; seq 2 4; seq -s, 3")
        << QStringLiteral("1\n2\n3\n2\n3\n4\n1,2,3\n") << QStringLiteral("") << 0;
    QTest::newRow("expr") << QStringLiteral("expr 1 + 2; expr 5 \\> 3; expr length abc; expr 2 \\* 3")
        << QStringLiteral("3\n1\n3\n6\n") << QStringLiteral("") << 0;
    QTest::newRow("basename dirname") << QStringLiteral("basename /a/b.txt .txt; dirname /a/b; dirname b")
        << QStringLiteral("b\n/a\n.\n") << QStringLiteral("") << 0;
    QTest::newRow("wc") << QStringLiteral("printf 'a b\\nc\\n' | wc; printf 'a b\\nc\\n' | wc -l")
        << QStringLiteral("        2         3         6\n2\n") << QStringLiteral("") << 0;
    QTest::newRow("head tail") << QStringLiteral("printf '1\\n2\\n3\\n4\\n' | head -n 2; printf '1\\n2\\n3\\n4\\n' | tail -n 1; printf '1\\n2\\n3\\n' | tail -n +2")
        << QStringLiteral("1\n2\n4\n2\n3\n") << QStringLiteral("") << 0;
    QTest::newRow("grep") << QStringLiteral("printf 'apple\\nbanana\\ncherry\\n' | grep an; printf 'a\\nb\\n' | grep -v a; printf 'A\\nb\\n' | grep -i a; printf 'a\\na\\nb\\n' | grep -c a")
        << QStringLiteral("banana\nb\nA\n2\n") << QStringLiteral("") << 0;
    QTest::newRow("grep -q status") << QStringLiteral("echo abc | grep -q b; echo $?; echo abc | grep -q z; echo $?")
        << QStringLiteral("0\n1\n") << QStringLiteral("") << 0;
    QTest::newRow("tr and cut") << QStringLiteral("echo hello | tr a-z A-Z; echo a:b:c | cut -d: -f2")
        << QStringLiteral("HELLO\nb\n") << QStringLiteral("") << 0;
    QTest::newRow("date epoch") << QStringLiteral("date -d @0; date -d @0 +%Y-%m-%dT%H:%M:%S; date -u -d @86400 '+%a %e %b'")
        << QStringLiteral("Thu Jan  1 00:00:00 UTC 1970\n1970-01-01T00:00:00\nFri  2 Jan\n") << QStringLiteral("") << 0;
    QTest::newRow("cd and pwd") << QStringLiteral("cd /tmp; pwd; cd /; pwd")
        << QStringLiteral("/tmp\n/\n") << QStringLiteral("") << 0;
    QTest::newRow("cd failure") << QStringLiteral("cd /nonexistent; echo $?")
        << QStringLiteral("2\n") << QStringLiteral("sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n") << 0;
    QTest::newRow("kill missing pid") << QStringLiteral("kill -0 99999; echo $?")
        << QStringLiteral("1\n") << QStringLiteral("sh: can't kill pid 99999: No such process\n") << 0;
    QTest::newRow("kill nothing") << QStringLiteral("kill; echo $?")
        << QStringLiteral("1\n") << QStringLiteral("sh: you need to specify whom to kill\n") << 0;
    QTest::newRow("sleep invalid") << QStringLiteral("sleep x; echo $?")
        << QStringLiteral("1\n") << QStringLiteral("sleep: invalid number 'x'\n") << 0;
    QTest::newRow("glob no match stays") << QStringLiteral("echo /nonexistent/*.txt")
        << QStringLiteral("/nonexistent/*.txt\n") << QStringLiteral("") << 0;
    QTest::newRow("nested quotes in substitution") << QStringLiteral("echo \"$(echo \"inner quoted\")\"")
        << QStringLiteral("inner quoted\n") << QStringLiteral("") << 0;
    QTest::newRow("tilde") << QStringLiteral("HOME=/root; echo ~ ~/x")
        << QStringLiteral("/root /root/x\n") << QStringLiteral("") << 0;
    QTest::newRow("assignment only status") << QStringLiteral("X=$(false); echo $?")
        << QStringLiteral("1\n") << QStringLiteral("") << 0;
    QTest::newRow("while read from heredoc") << QStringLiteral("while read a b; do echo \"$b-$a\"; done <<EOF\n1 one\n2 two\nEOF")
        << QStringLiteral("one-1\ntwo-2\n") << QStringLiteral("") << 0;
    QTest::newRow("function with redirect") << QStringLiteral("f() { echo in-f; }; f > /dev/null; echo after")
        << QStringLiteral("after\n") << QStringLiteral("") << 0;
    QTest::newRow("return outside function") << QStringLiteral("return 2; echo after")
        << QStringLiteral("") << QStringLiteral("") << 2;
    QTest::newRow("let") << QStringLiteral("let x=2+3; echo $x")
        << QStringLiteral("5\n") << QStringLiteral("") << 0;
    QTest::newRow("unset function") << QStringLiteral("f() { echo f; }; unset -f f; f; echo $?")
        << QStringLiteral("127\n") << QStringLiteral("sh: f: not found\n") << 0;
    QTest::newRow("printf %s with missing args") << QStringLiteral("printf '%s|%s\\n' a")
        << QStringLiteral("a|\n") << QStringLiteral("") << 0;
    QTest::newRow("echo -e octal") << QStringLiteral("echo -e 'A\\0101B'")
        << QStringLiteral("AAB\n") << QStringLiteral("") << 0;
    QTest::newRow("case with default only") << QStringLiteral("case q in *) echo any;; esac")
        << QStringLiteral("any\n") << QStringLiteral("") << 0;
    QTest::newRow("if with pipeline condition") << QStringLiteral("if echo x | grep -q x; then echo matched; fi")
        << QStringLiteral("matched\n") << QStringLiteral("") << 0;
    QTest::newRow("while false runs nothing") << QStringLiteral("while false; do echo never; done; echo $?")
        << QStringLiteral("0\n") << QStringLiteral("") << 0;
    QTest::newRow("until true") << QStringLiteral("until true; do echo never; done; echo ok")
        << QStringLiteral("ok\n") << QStringLiteral("") << 0;
    QTest::newRow("for with command substitution") << QStringLiteral("for w in $(echo a b); do echo \"[$w]\"; done")
        << QStringLiteral("[a]\n[b]\n") << QStringLiteral("") << 0;
    QTest::newRow("exit code truncates") << QStringLiteral("exit 257")
        << QStringLiteral("") << QStringLiteral("") << 1;
    QTest::newRow("negative exit") << QStringLiteral("exit -1")
        << QStringLiteral("") << QStringLiteral("sh: exit: line 0: Illegal number: -1\n") << 2;
}

void TestShellScript::busyboxBehaviour()
{
    QFETCH(QString, script);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, status);
    FakeHost host;
    const Outcome o = runScript(script, host);
    QCOMPARE(o.out, out);
    QCOMPARE(o.err, err);
    QCOMPARE(o.status, status);
}

void TestShellScript::fileCommands_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("status");

    QTest::newRow("cat missing (the probe message)") << "cat /tmp/healthy" << ""
                                                     << "cat: can't open '/tmp/healthy': No such file or directory\n" << 1;
    QTest::newRow("touch then cat") << "touch /tmp/healthy; cat /tmp/healthy; echo $?" << "0\n" << "" << 0;
    QTest::newRow("cat a directory") << "cat /tmp" << "" << "cat: read error: Is a directory\n" << 1;
    QTest::newRow("write and read") << "echo Hello from the debian container > /data/index.html; cat /data/index.html"
                                    << "Hello from the debian container\n" << "" << 0;
    QTest::newRow("append") << "echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f" << "a\nb\n" << "" << 0;
    QTest::newRow("redirect into missing directory") << "echo x > /nope/f; echo $?" << "1\n"
                                                     << "sh: can't create /nope/f: nonexistent directory\n" << 0;
    QTest::newRow("redirect onto a directory") << "echo x > /tmp" << "" << "sh: can't create /tmp: Is a directory\n" << 1;
    QTest::newRow("read-only volume") << "echo x > /etc/config/new; echo $?" << "1\n"
                                      << "sh: can't create /etc/config/new: Read-only file system\n" << 0;
    QTest::newRow("touch on read-only volume") << "touch /etc/config/x" << ""
                                               << "touch: /etc/config/x: Read-only file system\n" << 1;
    QTest::newRow("input redirect missing") << "cat < /nope" << "" << "sh: can't open /nope: no such file\n" << 1;
    QTest::newRow("input redirect") << "echo abc > /tmp/in; wc -c < /tmp/in" << "4\n" << "" << 0;
    QTest::newRow("rm missing") << "rm /nope" << "" << "rm: can't remove '/nope': No such file or directory\n" << 1;
    QTest::newRow("rm -f missing") << "rm -f /nope; echo $?" << "0\n" << "" << 0;
    QTest::newRow("rm directory") << "rm /tmp" << "" << "rm: '/tmp' is a directory\n" << 1;
    QTest::newRow("rm -r") << "mkdir -p /tmp/a/b; touch /tmp/a/b/c; rm -r /tmp/a; ls /tmp" << "" << "" << 0;
    QTest::newRow("mkdir existing") << "mkdir /tmp" << "" << "mkdir: can't create directory '/tmp': File exists\n" << 1;
    QTest::newRow("mkdir -p") << "mkdir -p /tmp/x/y/z && ls /tmp/x/y" << "z\n" << "" << 0;
    QTest::newRow("rmdir not empty") << "mkdir -p /tmp/d/e; rmdir /tmp/d" << "" << "rmdir: '/tmp/d': Directory not empty\n" << 1;
    QTest::newRow("ls one per line, sorted") << "touch /tmp/b /tmp/a /tmp/.h; ls /tmp" << "a\nb\n" << "" << 0;
    QTest::newRow("ls missing") << "ls /nope" << "" << "ls: /nope: No such file or directory\n" << 1;
    QTest::newRow("ls configmap volume") << "ls /etc/config/" << "SPECIAL_LEVEL\n" << "" << 0;
    QTest::newRow("ls -la configmap volume")
        << "ls -la /etc/config"
        << "total 4\n"
           "drwxr-xr-x    3 root     root           100 Jan  1 00:00 .\n"
           "drwxr-xr-x    3 root     root          4096 Jan  1 00:00 ..\n"
           "drwxr-xr-x    2 root     root            60 Jan  1 00:00 ..2026_01_01\n"
           "lrwxrwxrwx    1 root     root            12 Jan  1 00:00 ..data -> ..2026_01_01\n"
           "lrwxrwxrwx    1 root     root            20 Jan  1 00:00 SPECIAL_LEVEL -> ..data/SPECIAL_LEVEL\n"
        << "" << 0;
    QTest::newRow("cat through ..data") << "cat /etc/config/SPECIAL_LEVEL; echo" << "very\n" << "" << 0;
    QTest::newRow("cp and mv") << "echo x > /tmp/a; cp /tmp/a /tmp/b; mv /tmp/b /tmp/c; cat /tmp/c; ls /tmp" << "x\na\nc\n" << "" << 0;
    QTest::newRow("mv across mounts copies") << "echo x > /tmp/a; mv /tmp/a /data/a; cat /data/a; ls /tmp" << "x\n" << "" << 0;
    QTest::newRow("cp missing") << "cp /nope /tmp/x" << "" << "cp: can't stat '/nope': No such file or directory\n" << 1;
    QTest::newRow("ln -s and readlink") << "ln -s /etc/hostname /tmp/h; readlink /tmp/h; cat /tmp/h" << "/etc/hostname\ndemo\n" << "" << 0;
    QTest::newRow("ln -s existing") << "touch /tmp/f; ln -s x /tmp/f" << "" << "ln: /tmp/f: File exists\n" << 1;
    QTest::newRow("relative paths follow cd") << "cd /tmp; echo rel > r; cat /tmp/r; ls" << "rel\nr\n" << "" << 0;
    QTest::newRow("glob") << "touch /tmp/a.txt /tmp/b.txt /tmp/c.log; echo /tmp/*.txt" << "/tmp/a.txt /tmp/b.txt\n" << "" << 0;
    QTest::newRow("glob in for") << "touch /tmp/x1 /tmp/x2; for f in /tmp/x*; do echo $f; done" << "/tmp/x1\n/tmp/x2\n" << "" << 0;
    QTest::newRow("quoted glob stays") << "touch /tmp/a.txt; echo '/tmp/*.txt'" << "/tmp/*.txt\n" << "" << 0;
    QTest::newRow("test -e on volume") << "if [[ -e /etc/config/SPECIAL_LEVEL ]]; then echo yes; fi" << "yes\n" << "" << 0;
    QTest::newRow("test -h on link") << "[ -h /etc/config/SPECIAL_LEVEL ] && echo link; [ -L /etc/hostname ] || echo file"
                                     << "link\nfile\n" << "" << 0;
    QTest::newRow("head and tail of a file") << "printf '1\\n2\\n3\\n' > /tmp/n; head -n 1 /tmp/n; tail -n 1 /tmp/n" << "1\n3\n" << "" << 0;
    QTest::newRow("tail missing") << "tail /nope" << "" << "tail: can't open '/nope': No such file or directory\ntail: no files\n" << 1;
    QTest::newRow("grep file") << "printf 'a\\nb\\n' > /tmp/g; grep b /tmp/g; grep z /tmp/g; echo $?" << "b\n1\n" << "" << 0;
    QTest::newRow("grep missing file") << "grep x /nope; echo $?" << "2\n" << "grep: /nope: No such file or directory\n" << 0;
    QTest::newRow("wc of files") << "printf 'a b\\nc\\n' > /tmp/w; wc /tmp/w; wc -l /tmp/w"
                                 << "        2         3         6 /tmp/w\n2 /tmp/w\n" << "" << 0;
    QTest::newRow("hostname and id") << "hostname; id; whoami" << "demo\nuid=0(root) gid=0(root)\nroot\n" << "" << 0;
    QTest::newRow("date default format") << "date" << "Thu Jan  1 00:00:00 UTC 2026\n" << "" << 0;
    QTest::newRow("date format") << "date +%Y-%m-%dT%H:%M:%SZ; date +%s" << "2026-01-01T00:00:00Z\n1767225600\n" << "" << 0;
    QTest::newRow("uname") << "uname; uname -a" << "Linux\nLinux demo 6.1.0-podlab #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n" << "" << 0;
    QTest::newRow("env and printenv") << "export A=1; env; printenv A; printenv NOPE; echo $?"
                                      << "PATH=/bin\nHOME=/root\nA=1\n1\n1\n" << "" << 0;
    QTest::newRow("missing binary in the image") << "curl http://x; echo $?" << "127\n" << "sh: curl: not found\n" << 0;
    QTest::newRow("missing binary by path") << "/usr/bin/curl; echo $?" << "127\n" << "sh: /usr/bin/curl: not found\n" << 0;
    QTest::newRow("binary by path") << "/bin/echo via path" << "via path\n" << "" << 0;
    QTest::newRow("which") << "which cat; which curl; echo $?" << "/bin/cat\n1\n" << "" << 0;
    QTest::newRow("ps") << "ps" << "PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c sleep 3600\n   42 root      0:00 nginx: master process nginx\n" << "" << 0;
    QTest::newRow("kill another process") << "kill -HUP 42; echo $?; kill -s TERM 43; echo $?"
                                          << "0\n1\n" << "sh: can't kill pid 43: No such process\n" << 0;
    QTest::newRow("killall none") << "killall -0 redis; echo $?" << "1\n" << "killall: redis: no process killed\n" << 0;
    QTest::newRow("unknown program") << "frobnicate" << "" << "sh: frobnicate: not simulated in PodLab\n" << 127;
    QTest::newRow("sourced file") << "echo 'X=sourced; return 3; X=no' > /tmp/s; . /tmp/s; echo $? $X" << "3 sourced\n" << "" << 0;
    QTest::newRow("tee") << "echo t | tee /tmp/t; cat /tmp/t" << "t\nt\n" << "" << 0;
    QTest::newRow("chmod and ls -l") << "touch /tmp/x; chmod 600 /tmp/x; ls -l /tmp/x"
                                     << "-rw-------    1 root     root             0 Jan  1 00:00 /tmp/x\n" << "" << 0;
    QTest::newRow("exec redirect stays") << "exec > /tmp/log; echo logged; exec >&2; cat /tmp/log" << "" << "logged\n" << 0;
    QTest::newRow("while loop with redirect") << "for i in 1 2; do echo $i; done > /tmp/o; cat /tmp/o" << "1\n2\n" << "" << 0;
    QTest::newRow("stdin of the process") << "cat" << "" << "" << 0;
}

void TestShellScript::fileCommands()
{
    QFETCH(QString, script);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, status);
    FakeHost host;
    const Outcome o = runScript(script, host);
    QCOMPARE(o.out, out);
    QCOMPARE(o.err, err);
    QCOMPARE(o.status, status);
}

void TestShellScript::parseIsSharedAndErrorsAreReported()
{
    ScriptCache cache;
    const auto a = cache.get("cat /tmp/healthy");
    const auto b = cache.get("cat /tmp/healthy");
    QCOMPARE(a.get(), b.get());
    QCOMPARE(cache.size(), size_t(1));
    const auto bad = Script::parse("echo ok\nif true; then echo x; fi; fi");
    QVERIFY(!bad->ok());
    QCOMPARE(QString::fromStdString(bad->error()), QString("syntax error: unexpected \"fi\""));
    QCOMPARE(bad->errorLine(), 2u);
}

QTEST_APPLESS_MAIN(TestShellScript)
#include "tst_shellscript.moc"
