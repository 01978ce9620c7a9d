namespace Djinn.Engine.Tests.Sandbox;

public sealed class MemoryRecyclingTests
{
    private const string Writer = """
        (module
          (memory (export "memory") 3)
          (func (export "write") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "read") (param i32) (result i32) (i32.load (local.get 0))))
        """;

    [Fact]
    public void A_disposed_store_leaves_no_data_for_the_next_sandbox_and_its_memory_object_goes_empty()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, "writer", Writer);
        var linker = new Linker(engine);
        var first = new Store(engine);
        var instance = linker.Instantiate(first, module);
        for (int address = 0; address < 3 * Memory.PageSize; address += 4096) instance.GetFunction("write")!.Invoke(address, 0x5EC2E7);
        var stale = instance.GetMemory("memory")!;

        first.Dispose();

        Assert.Equal(0, stale.Length);
        Assert.Equal(TrapCode.MemoryOutOfBounds,
            Assert.Throws<TrapException>(() => instance.GetFunction("read")!.Invoke(0)).Code);
        for (int i = 0; i < 4; i++)
        {
            using var next = new Store(engine);
            var fresh = linker.Instantiate(next, module);
            for (int address = 0; address < 3 * Memory.PageSize; address += 4096)
                Assert.Equal(0, fresh.GetFunction("read")!.Invoke(address)[0]);
            Assert.Equal(3L * Memory.PageSize, next.MemoryBytesUsed);
        }
    }

    private const string Grower = """
        (module
          (memory (export "memory") 1)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "write") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "read") (param i32) (result i32) (i32.load (local.get 0))))
        """;

    [Fact]
    public void Buffers_recycled_after_growing_a_page_at_a_time_come_back_zeroed_in_every_page()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, "grower", Grower);
        var linker = new Linker(engine);
        const int pages = 9;
        for (int round = 0; round < 4; round++)
        {
            using var store = new Store(engine);
            var instance = linker.Instantiate(store, module);
            var grow = instance.GetFunction("grow")!;
            for (int page = 1; page < pages; page++) Assert.Equal(page, grow.Invoke(1)[0]);
            Assert.Equal((long)pages * Memory.PageSize, store.MemoryBytesUsed);
            for (int address = 0; address < pages * Memory.PageSize; address += 1024)
            {
                Assert.Equal(0, instance.GetFunction("read")!.Invoke(address)[0]);
                instance.GetFunction("write")!.Invoke(address, 0x5EC2E7 + round);
            }
            Assert.Equal(TrapCode.MemoryOutOfBounds,
                Assert.Throws<TrapException>(() => instance.GetFunction("read")!.Invoke(pages * Memory.PageSize)).Code);
        }
    }
}
