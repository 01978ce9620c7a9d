using Djinn.Engine;
using Djinn.Engine.Text;
using Module = Djinn.Engine.Module;

namespace Djinn.Cli.Wast;

/// <summary>
/// Executes the commands of one script against the engine's public API
/// (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts).
/// All modules of the script share one store, the spectest host items and the registrations.
/// Commands run on one thread (the runner's large-stack thread); only <see cref="Snapshot"/>, <see cref="CurrentLine"/>
/// and <see cref="Abandon"/> may be used from another.
/// </summary>
internal sealed class WastScript
{
    /// <summary>How long one command may run before the guest is interrupted and the command fails.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _path;
    private readonly string _fileName;
    private readonly Engine.Engine _engine;
    private readonly Store _store;
    private readonly Dictionary<string, IReadOnlyDictionary<string, object>> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleSlot> _named = new(StringComparer.Ordinal);
    private readonly List<WastFailure> _failures = [];
    private readonly List<WastSkip> _skipped = [];
    private readonly Lock _gate = new();
    private readonly CommandWatchdog _watchdog;
    private SpecTestHost? _spectest;
    private ModuleSlot? _current;
    private int _passed;
    private volatile int _currentLine;
    private volatile bool _abandoned;

    /// <summary>Creates the script state: one engine (with <paramref name="config"/> or the defaults) and one store.</summary>
    public WastScript(string path, Config? config = null)
    {
        _path = path;
        _fileName = Path.GetFileName(path);
        _engine = new Engine.Engine(config ?? new Config());
        _store = new Store(_engine);
        _watchdog = new CommandWatchdog(_store, CommandTimeout);
    }

    /// <summary>The store every module of the script is instantiated in.</summary>
    public Store Store => _store;

    /// <summary>The line of the command running now (0 before the first).</summary>
    public int CurrentLine => _currentLine;

    /// <summary>Runs every command in order; a failing command never stops the script (only <see cref="Abandon"/> does).</summary>
    public WastFileResult Run(IEnumerable<WastCommand> commands)
    {
        using (_watchdog)
        {
            foreach (var command in commands)
            {
                if (_abandoned) break;
                Execute(command);
            }
        }
        return Snapshot();
    }

    /// <summary>The results so far; safe to call from another thread while the script runs.</summary>
    public WastFileResult Snapshot()
    {
        lock (_gate) return new WastFileResult(_path, _passed, _failures.ToArray(), _skipped.ToArray());
    }

    /// <summary>Gives up on the script from another thread: interrupts the guest and runs no further commands.</summary>
    public void Abandon()
    {
        _abandoned = true;
        _watchdog.Abandon();
    }

    /// <summary>The command kind as written in scripts: <c>module</c>, <c>invoke</c>, <c>assert_return</c>, ...</summary>
    public static string KindOf(WastCommand command) => command switch
    {
        ModuleCommand => "module",
        RegisterCommand => "register",
        ActionCommand a => a.Action.IsGet ? "get" : "invoke",
        AssertReturnCommand => "assert_return",
        AssertTrapCommand => "assert_trap",
        AssertExhaustionCommand => "assert_exhaustion",
        AssertModuleCommand m => m.Kind switch
        {
            WastAssertKind.Malformed => "assert_malformed",
            WastAssertKind.Invalid => "assert_invalid",
            WastAssertKind.Unlinkable => "assert_unlinkable",
            _ => "assert_uninstantiable",
        },
        _ => command.GetType().Name,
    };

    private void Execute(WastCommand command)
    {
        string kind = KindOf(command);
        _currentLine = command.Line;
        if (WastSkipList.ReasonForCommand(_path, command.Line) is { } reason)
        {
            lock (_gate) _skipped.Add(new WastSkip(command.Line, kind, reason));
            return;
        }
        string? failure;
        _watchdog.Start();
        try
        {
            failure = command switch
            {
                ModuleCommand c => RunModule(c),
                RegisterCommand c => Register(c),
                ActionCommand c => RunAction(c),
                AssertReturnCommand c => WastMatcher.Compare(Perform(c.Action), c.Expected),
                AssertTrapCommand c => AssertTrap(c),
                AssertExhaustionCommand c => AssertExhaustion(c),
                AssertModuleCommand c => AssertModule(c),
                _ => $"unsupported command {command.GetType().Name}",
            };
        }
        catch (Exception e)
        {
            var error = WastErrors.Unwrap(e);
            failure = error is WastScriptException
                ? error.Message
                : $"{Expectation(command)}, got {WastErrors.Describe(error)}";
        }
        if (_watchdog.Stop() && failure is not null)
        {
            // A slow command that still behaved as expected (say, a long compile) passes; one that failed is reported as the hang it was.
            failure = $"timed out: still running after {CommandTimeout.TotalSeconds:0} s, so the guest was interrupted ({failure})";
        }
        lock (_gate)
        {
            if (failure is null) _passed++;
            else _failures.Add(new WastFailure(command.Line, kind, failure));
        }
    }

    private static string Expectation(WastCommand command) => command switch
    {
        ModuleCommand => "expected the module to load",
        RegisterCommand => "expected the registration to succeed",
        ActionCommand => "expected the action to complete",
        AssertReturnCommand c => $"expected [{string.Join(", ", c.Expected.Select(WastValues.Describe))}]",
        AssertTrapCommand c => $"expected trap \"{c.Message}\"",
        AssertExhaustionCommand c => $"expected call stack exhaustion \"{c.Message}\"",
        AssertModuleCommand c => $"expected {c.Kind.ToString().ToLowerInvariant()} \"{c.Message}\"",
        _ => "expected success",
    };

    private string? RunModule(ModuleCommand command)
    {
        try
        {
            var instance = Instantiate(Compile(command.Module, command.Line));
            Bind(command.Module.Name, new ModuleSlot(instance.Exports, command.Line));
            return null;
        }
        catch
        {
            // Later actions on this module then report that it failed rather than running against an older one.
            Bind(command.Module.Name, new ModuleSlot(null, command.Line));
            throw;
        }
    }

    /// <summary>
    /// Makes <paramref name="exports"/> the current module (and the module <paramref name="name"/>), as a
    /// <c>module</c> command at <paramref name="line"/> would; lets tests drive actions without compiling.
    /// </summary>
    public void Bind(string? name, IReadOnlyDictionary<string, object> exports, int line) =>
        Bind(name, new ModuleSlot(exports, line));

    private void Bind(string? name, ModuleSlot slot)
    {
        _current = slot;
        if (name is not null) _named[name] = slot;
    }

    private string? Register(RegisterCommand command)
    {
        _registered[command.As] = Resolve(command.ModuleName);
        return null;
    }

    private string? RunAction(ActionCommand command)
    {
        _ = Perform(command.Action);
        return null;
    }

    private string? AssertTrap(AssertTrapCommand command)
    {
        if (command.Module is { } wastModule)
        {
            var module = Compile(wastModule, command.Line);
            try
            {
                _ = Instantiate(module);
            }
            catch (Exception e) when (WastErrors.IsTrap(WastErrors.Unwrap(e)))
            {
                return null;
            }
            return $"expected trap \"{command.Message}\" during instantiation, but the module instantiated";
        }
        if (command.Action is null) return "assert_trap without an action or module";
        object?[] results;
        try
        {
            results = Perform(command.Action);
        }
        catch (Exception e) when (WastErrors.IsTrap(WastErrors.Unwrap(e)))
        {
            return null;
        }
        return $"expected trap \"{command.Message}\", got [{string.Join(", ", results.Select(WastValues.Describe))}]";
    }

    private string? AssertExhaustion(AssertExhaustionCommand command)
    {
        object?[] results;
        try
        {
            results = Perform(command.Action);
        }
        catch (Exception e) when (WastErrors.IsExhaustion(WastErrors.Unwrap(e)))
        {
            return null;
        }
        return $"expected call stack exhaustion \"{command.Message}\", got [{string.Join(", ", results.Select(WastValues.Describe))}]";
    }

    private string? AssertModule(AssertModuleCommand command)
    {
        string expected = $"expected {command.Kind.ToString().ToLowerInvariant()} \"{command.Message}\"";
        switch (command.Kind)
        {
            case WastAssertKind.Malformed:
                try
                {
                    _ = Compile(command.Module, command.Line);
                }
                catch (Exception e) when (WastErrors.Unwrap(e) is ModuleParseException or TextParseException)
                {
                    return null;
                }
                return $"{expected}, but the module compiled";
            case WastAssertKind.Invalid:
                try
                {
                    _ = Compile(command.Module, command.Line);
                }
                catch (Exception e) when (WastErrors.Unwrap(e) is ValidationException)
                {
                    return null;
                }
                return $"{expected}, but the module validated";
            default:
                var module = Compile(command.Module, command.Line);
                try
                {
                    _ = Instantiate(module);
                }
                catch (Exception e) when (IsExpectedInstantiationFailure(command.Kind, WastErrors.Unwrap(e)))
                {
                    return null;
                }
                return $"{expected}, but the module instantiated";
        }
    }

    private static bool IsExpectedInstantiationFailure(WastAssertKind kind, Exception error) =>
        kind == WastAssertKind.Unlinkable ? error is LinkException : WastErrors.IsTrap(error);

    private Module Compile(WastModule module, int line)
    {
        byte[] bytes = module.Kind == WastModuleKind.Quote
            ? WatParser.ParseModule(module.QuotedText ?? "")
            : module.Bytes ?? throw new WastScriptException($"the {module.Kind} module at line {line} has no bytes");
        return Module.FromBytes(_engine, $"{_fileName}:{line}", bytes);
    }

    private Instance Instantiate(Module module)
    {
        _spectest ??= new SpecTestHost(_store);
        var linker = new Linker(_engine) { AllowShadowing = true };
        _spectest.DefineIn(linker);
        foreach (var (registeredAs, exports) in _registered)
        {
            foreach (var (name, item) in exports) linker.Define(registeredAs, name, item);
        }
        return linker.Instantiate(_store, module);
    }

    private object?[] Perform(WastAction action)
    {
        var exports = Resolve(action.ModuleName);
        var item = exports.GetValueOrDefault(action.Name);
        if (action.IsGet)
        {
            var global = item as Global
                ?? throw new WastScriptException($"{DescribeModule(action.ModuleName)} has no global export \"{action.Name}\"");
            return [global.Value];
        }
        var function = item as Function
            ?? throw new WastScriptException($"{DescribeModule(action.ModuleName)} has no function export \"{action.Name}\"");
        return function.Invoke(WastValues.ToObjects(action.Arguments));
    }

    private IReadOnlyDictionary<string, object> Resolve(string? name)
    {
        ModuleSlot? slot;
        if (name is null)
        {
            slot = _current ?? throw new WastScriptException("no module has been defined");
        }
        else if (!_named.TryGetValue(name, out slot))
        {
            throw new WastScriptException($"unknown module {name}");
        }
        return slot.Exports
            ?? throw new WastScriptException($"{DescribeModule(name)} (line {slot.Line}) failed to load");
    }

    private static string DescribeModule(string? name) => name is null ? "the current module" : $"module {name}";

    /// <summary>A defined module: its instance's exports, or null when it failed to load, and where it was defined.</summary>
    private sealed record ModuleSlot(IReadOnlyDictionary<string, object>? Exports, int Line);
}
