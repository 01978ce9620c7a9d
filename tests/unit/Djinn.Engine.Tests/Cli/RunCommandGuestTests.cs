using Djinn.Cli.Commands;
using Xunit;

namespace Djinn.Engine.Tests.Cli;

/// <summary>
/// <c>djinn run</c> end to end on small WASI guests written in WAT (needs the text parser, decoder, validator
/// and compiler).
/// </summary>
public sealed class RunCommandGuestTests : IDisposable
{
    private const string Wasi = "wasi_snapshot_preview1";
    private readonly string _directory = Directory.CreateTempSubdirectory("djinn-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int ExitCode, FakeCliEnvironment Env) Run(string wat, string[]? args = null, string stdin = "", string name = "guest.wat")
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, wat);
        var env = new FakeCliEnvironment(stdin);
        int code = CommandLine.Run(["run", path, .. args ?? []], env);
        return (code, env);
    }

    [Fact]
    public void A_guest_writes_to_stdout_through_fd_write_and_exits_0()
    {
        var (code, env) = Run($$"""
            (module
              (import "{{Wasi}}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 6))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        Assert.Equal("", env.ErrorText);
        Assert.Equal(0, code);
        Assert.Equal("hello\n", env.GuestOutText);
    }

    [Fact]
    public void Argv_starts_with_the_file_name_and_the_environment_is_only_what_was_given()
    {
        var (code, env) = Run($$"""
            (module
              (import "{{Wasi}}" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
              (import "{{Wasi}}" "args_get" (func $args_get (param i32 i32) (result i32)))
              (import "{{Wasi}}" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
              (import "{{Wasi}}" "environ_get" (func $environ_get (param i32 i32) (result i32)))
              (import "{{Wasi}}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func $dump (param $buf i32) (param $len i32)
                (i32.store (i32.const 0) (local.get $buf))
                (i32.store (i32.const 4) (local.get $len))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func (export "_start")
                (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
                (drop (call $args_get (i32.const 1024) (i32.const 2048)))
                (call $dump (i32.const 2048) (i32.load (i32.const 20)))
                (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
                (drop (call $environ_get (i32.const 1024) (i32.const 4096)))
                (call $dump (i32.const 4096) (i32.load (i32.const 20)))))
            """, ["--env", "GREETING=hi", "--", "a", "b c"], name: "echo.wat");
        Assert.Equal(0, code);
        Assert.Equal("echo.wat\0a\0b c\0GREETING=hi\0", env.GuestOutText);
    }

    [Fact]
    public void Stdin_is_the_process_input()
    {
        var (code, env) = Run($$"""
            (module
              (import "{{Wasi}}" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (import "{{Wasi}}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 100))
                (i32.store (i32.const 4) (i32.const 50))
                (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
                (i32.store (i32.const 4) (i32.load (i32.const 8)))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """, stdin: "piped");
        Assert.Equal(0, code);
        Assert.Equal("piped", env.GuestOutText);
    }

    [Fact]
    public void Proc_exit_becomes_the_exit_code()
    {
        var (code, env) = Run($$"""
            (module
              (import "{{Wasi}}" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 7)) unreachable))
            """);
        Assert.Equal(7, code);
        Assert.Equal("", env.ErrorText);
    }

    [Fact]
    public void A_trap_prints_one_line_and_exits_134()
    {
        var (code, env) = Run("(module (memory (export \"memory\") 1) (func (export \"_start\") unreachable))");
        Assert.Equal(134, code);
        Assert.Equal("trap: Unreachable: unreachable", env.ErrorText.TrimEnd());
    }

    [Fact]
    public void Any_preview1_import_links_and_path_calls_without_a_preopen_answer_badf()
    {
        var (code, _) = Run($$"""
            (module
              (import "{{Wasi}}" "path_open"
                (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "{{Wasi}}" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (if (i32.ne (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
                      (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)) (i32.const 8))
                  (then unreachable))
                (if (i32.ne (call $sock_accept (i32.const 3) (i32.const 0) (i32.const 0)) (i32.const 58))
                  (then unreachable))))
            """);
        Assert.Equal(0, code);
    }

    [Fact]
    public void Deep_but_legal_recursion_runs_on_the_large_stack()
    {
        var (code, env) = Run("""
            (module
              (func $down (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
              (func (export "_start")
                (if (i32.ne (call $down (i32.const 9000)) (i32.const 9000)) (then unreachable))))
            """);
        Assert.Equal("", env.ErrorText);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("(module (func (export \"main\")))", "_start")]
    [InlineData("(module (func (export \"_start\") (result i32) (i32.const 0)))", "_start")]
    [InlineData("(module (func (result i32)))", "error: ")]
    [InlineData("(module (import \"env\" \"f\" (func)))", "env")]
    [InlineData("(module (import \"wasi_snapshot_preview1\" \"no_such_call\" (func)))", "no_such_call")]
    [InlineData("(module", "error: ")]
    public void Bad_modules_print_an_error_without_a_stack_trace_and_exit_1(string wat, string expected)
    {
        var (code, env) = Run(wat);
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", env.ErrorText);
        Assert.Contains(expected, env.ErrorText);
        Assert.DoesNotContain("   at ", env.ErrorText);
    }
}
