using System.Buffers.Binary;

namespace Djinn.Engine.Wasi;

/// <summary>
/// poll_oneoff (wasi_snapshot_preview1.witx): waits for the first of several <c>$subscription</c>s and reports
/// <c>$event</c>s for those that fired. Clock subscriptions sleep the calling thread, never longer than
/// <see cref="WasiConfiguration.MaxPollSleep"/>; fd subscriptions on stdio are always ready, so they never sleep.
/// </summary>
internal sealed class WasiPollFunctions
{
    private readonly WasiContext _context;

    public WasiPollFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("poll_oneoff", new Func<int, int, int, int, int>(PollOneoff));
    }

    /// <summary>
    /// <c>poll_oneoff(in: ConstPointer&lt;subscription&gt;, out: Pointer&lt;event&gt;, nsubscriptions: size) -> (errno, size)</c>.
    /// No subscriptions is EINVAL (it would block forever).
    /// </summary>
    public int PollOneoff(int subscriptions, int events, int count, int eventCountPointer)
    {
        if (count == 0) return (int)WasiErrno.Inval;
        var memory = _context.GuestMemory;
        long n = (uint)count;
        if (!memory.InBounds(subscriptions, n * WasiLayout.SubscriptionSize)
            || !memory.InBounds(events, n * WasiLayout.EventSize)
            || !memory.InBounds(eventCountPointer, 4))
        {
            return (int)WasiErrno.Fault;
        }

        var ready = new List<Event>();
        var clocks = new List<(ulong UserData, ulong Nanoseconds)>();
        memory.TrySlice(subscriptions, (int)(n * WasiLayout.SubscriptionSize), out var input);
        for (int i = 0; i < n; i++)
        {
            var subscription = input.Slice(i * WasiLayout.SubscriptionSize, WasiLayout.SubscriptionSize);
            ulong userData = BinaryPrimitives.ReadUInt64LittleEndian(subscription);
            var payload = subscription[16..];
            switch ((WasiEventType)subscription[8])
            {
                case WasiEventType.Clock:
                    if (ClockTimeout(payload, out ulong timeout)) clocks.Add((userData, timeout));
                    else ready.Add(new Event(userData, WasiErrno.Inval, WasiEventType.Clock));
                    break;
                case WasiEventType.FdRead:
                case WasiEventType.FdWrite:
                    var type = (WasiEventType)subscription[8];
                    var descriptor = _context.Descriptors.Get(BinaryPrimitives.ReadInt32LittleEndian(payload));
                    if (descriptor is null) ready.Add(new Event(userData, WasiErrno.Badf, type));
                    else if ((descriptor.RightsBase & WasiRights.PollFdReadwrite) == 0) ready.Add(new Event(userData, WasiErrno.NotCapable, type));
                    else if (descriptor.IsReady(forWrite: type == WasiEventType.FdWrite)) ready.Add(new Event(userData, WasiErrno.Success, type));
                    break;
                default:
                    return (int)WasiErrno.Inval;
            }
        }

        if (ready.Count == 0 && clocks.Count > 0)
        {
            ulong shortest = clocks.Min(c => c.Nanoseconds);
            Sleep(shortest);
            foreach (var (userData, nanoseconds) in clocks)
            {
                if (nanoseconds <= shortest) ready.Add(new Event(userData, WasiErrno.Success, WasiEventType.Clock));
            }
        }

        memory = _context.GuestMemory;
        memory.TrySlice(events, ready.Count * WasiLayout.EventSize, out var output);
        for (int i = 0; i < ready.Count; i++)
        {
            var target = output.Slice(i * WasiLayout.EventSize, WasiLayout.EventSize);
            target.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(target, ready[i].UserData);
            BinaryPrimitives.WriteUInt16LittleEndian(target[8..], (ushort)ready[i].Error);
            target[10] = (byte)ready[i].Type;
            // $event_fd_readwrite (nbytes at 16, flags at 24) stays zero: the bytes available are unknown.
        }
        memory.TryWriteUInt32(eventCountPointer, (uint)ready.Count);
        return 0;
    }

    /// <summary>The relative timeout of a <c>$subscription_clock</c> in ns; false for an unknown clock.</summary>
    private static bool ClockTimeout(ReadOnlySpan<byte> clock, out ulong nanoseconds)
    {
        int id = BinaryPrimitives.ReadInt32LittleEndian(clock);
        ulong timeout = BinaryPrimitives.ReadUInt64LittleEndian(clock[8..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(clock[24..]);
        nanoseconds = 0;
        if (!WasiClocks.TryGetTime(id, out ulong now)) return false;
        nanoseconds = (flags & WasiLayout.SubclockAbstime) != 0
            ? (timeout > now ? timeout - now : 0)
            : timeout;
        return true;
    }

    private void Sleep(ulong nanoseconds)
    {
        // Thread.Sleep takes at most int.MaxValue - 1 milliseconds; a negative bound means no sleeping at all.
        long boundTicks = Math.Clamp(_context.Configuration.MaxPollSleep.Ticks, 0, (int.MaxValue - 1) * TimeSpan.TicksPerMillisecond);
        long ticks = (long)Math.Min(nanoseconds / 100, (ulong)boundTicks);
        if (ticks <= 0)
        {
            Thread.Yield();
        }
        else if (_context.Budget is { } budget)
        {
            // A deadline that passes during the sleep ends it; the guest then traps with Timeout.
            if (!budget.SleepUnlessInterrupted(TimeSpan.FromTicks(ticks))) throw new TrapException(TrapCode.Timeout);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(ticks));
        }
    }

    private readonly record struct Event(ulong UserData, WasiErrno Error, WasiEventType Type);
}
