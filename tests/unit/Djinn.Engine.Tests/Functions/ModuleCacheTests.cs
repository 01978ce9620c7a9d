using Djinn.Engine.Functions;

namespace Djinn.Engine.Tests.Functions;

public sealed class ModuleCacheTests
{
    private static readonly Engine Engine = new();
    private static Module Compile() => Module.FromText(Engine, "m", "(module)");

    [Fact]
    public void A_module_is_compiled_once_per_hash()
    {
        var cache = new ModuleCache();
        int compiles = 0;
        Module Counting() { compiles++; return Compile(); }

        var first = cache.GetOrCompile("a", Counting);
        var second = cache.GetOrCompile("a", Counting);

        Assert.Same(first, second);
        Assert.Equal(1, compiles);
        Assert.Equal((1, 1), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void The_least_recently_used_module_is_evicted_past_capacity()
    {
        var cache = new ModuleCache(capacity: 2);
        var a = cache.GetOrCompile("a", Compile);
        cache.GetOrCompile("b", Compile);
        cache.GetOrCompile("a", Compile);
        cache.GetOrCompile("c", Compile);

        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.GetOrCompile("a", Compile));
        Assert.Equal(4, cache.Misses + cache.Hits - 1);
    }

    [Fact]
    public void A_failed_compilation_is_not_cached()
    {
        var cache = new ModuleCache();
        Assert.Throws<TextParseException>(() => cache.GetOrCompile("bad", () => Module.FromText(Engine, "bad", "(module")));

        Assert.Equal(0, cache.Count);
        Assert.NotNull(cache.GetOrCompile("bad", Compile));
    }
}
