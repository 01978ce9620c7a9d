using System.Text;

namespace Djinn.Engine.Wasi;

/// <summary>The per-store WASI state: configuration, open descriptors and the guest memory the calls work on.</summary>
internal sealed class WasiContext : IDisposable
{
    private readonly Dictionary<string, Function> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Delegate> _callbacks = new(StringComparer.Ordinal);
    private int _boundGroups;
    private readonly List<WasiDirectoryDescriptor> _preopens = new();

    public WasiContext(WasiConfiguration configuration, Runtime.ExecutionBudget? budget = null)
    {
        Configuration = configuration;
        Budget = budget;
        Arguments = EncodeStrings(configuration.Arguments);
        Environment = EncodeEnvironment(configuration.Environment);
        Descriptors = new WasiFdTable();
        Descriptors.Set(0, new StdioDescriptor(configuration.StandardInput, isInput: true));
        Descriptors.Set(1, new StdioDescriptor(configuration.StandardOutput, isInput: false));
        Descriptors.Set(2, new StdioDescriptor(configuration.StandardError, isInput: false));
        foreach (var preopen in configuration.PreopenedDirectories)
        {
            var descriptor = WasiDirectoryDescriptor.ForPreopen(preopen);
            _preopens.Add(descriptor);
            Descriptors.Add(descriptor);
        }
    }

    public WasiConfiguration Configuration { get; }

    /// <summary>The store's budget: a sleeping guest wakes when it is interrupted (its deadline passed).</summary>
    public Runtime.ExecutionBudget? Budget { get; }

    /// <summary>The instance's exported "memory", bound after instantiation.</summary>
    public Memory? Memory { get; set; }

    /// <summary>Open descriptors: 0, 1 and 2 are stdio; then the preopened directories from 3, in configuration order.</summary>
    public WasiFdTable Descriptors { get; }

    /// <summary>argv, each entry UTF-8 with its terminating NUL, fixed when the context was created.</summary>
    public IReadOnlyList<byte[]> Arguments { get; }

    /// <summary>The environment as <c>KEY=VALUE</c> entries, UTF-8 with a terminating NUL each.</summary>
    public IReadOnlyList<byte[]> Environment { get; }

    /// <summary>
    /// Closes every open descriptor and the preopens' root handles, giving the host descriptors back now rather than
    /// when the finalizers run. The guest must not run in this context afterwards.
    /// </summary>
    public void Dispose()
    {
        Descriptors.CloseAll();
        foreach (var preopen in _preopens) preopen.RootHandle.Dispose();
    }

    /// <summary>The host function <paramref name="name"/>, bound on first use, or null when preview1 has no such function.</summary>
    public Function? GetFunction(string name)
    {
        if (_bound.TryGetValue(name, out var function)) return function;
        if (!WasiModule.TryGetGroup(name, out int group)) return null;
        if ((_boundGroups & (1 << group)) == 0)
        {
            WasiModule.RegisterGroup(this, group, (n, callback) => _callbacks[n] = callback);
            _boundGroups |= 1 << group;
        }
        function = Function.FromDelegate(_callbacks[name]);
        _bound[name] = function;
        return function;
    }

    /// <summary>Every function name this context provides (the whole preview1 import namespace).</summary>
    public IEnumerable<string> FunctionNames => WasiModule.CreateFunctions(this).Keys;

    /// <summary>A view of the bound memory for one host call.</summary>
    public GuestMemory GuestMemory => new(Memory);

    private static byte[][] EncodeStrings(IReadOnlyCollection<string> values)
    {
        if (values.Count == 0) return [];
        var encoded = new byte[values.Count][];
        int i = 0;
        foreach (var value in values) encoded[i++] = Encode(value, null);
        return encoded;
    }

    private static byte[][] EncodeEnvironment(IReadOnlyCollection<KeyValuePair<string, string>> environment)
    {
        if (environment.Count == 0) return [];
        var encoded = new byte[environment.Count][];
        int i = 0;
        foreach (var (key, value) in environment) encoded[i++] = Encode(key, value);
        return encoded;
    }

    /// <summary><paramref name="key"/> (and <c>=value</c> when given) as UTF-8 with a terminating NUL.</summary>
    private static byte[] Encode(string key, string? value)
    {
        int keyBytes = Encoding.UTF8.GetByteCount(key);
        int length = keyBytes + (value is null ? 0 : 1 + Encoding.UTF8.GetByteCount(value)) + 1;
        var bytes = new byte[length];
        Encoding.UTF8.GetBytes(key, bytes);
        if (value is not null)
        {
            bytes[keyBytes] = (byte)'=';
            Encoding.UTF8.GetBytes(value, bytes.AsSpan(keyBytes + 1));
        }
        return bytes;
    }
}
