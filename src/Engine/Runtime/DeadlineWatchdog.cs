using System.Diagnostics;

namespace Djinn.Engine.Runtime;

/// <summary>
/// One dedicated thread that interrupts guests whose deadline has passed (<see cref="Store.SetDeadline"/>).
/// Deadlines used to be <see cref="Timer"/>s, whose callbacks run on the thread pool: when the pool was busy
/// (guests running inline on request threads, or many spinning guests at once), a 100 ms deadline fired seconds
/// late. This thread does not depend on the pool. It sleeps until the earliest armed deadline (or until a new,
/// earlier one is armed), so it costs nothing while nothing runs. Arming and disarming take one uncontended
/// lock; the armed set holds only the invocations running right now.
/// </summary>
internal static class DeadlineWatchdog
{
    private static readonly object s_gate = new(); // Monitor.Wait and Pulse need a monitor, not a Lock
    private static readonly List<Deadline> s_armed = new();
    private static long s_wakeAt = long.MaxValue;
    private static Thread? s_thread;

    /// <summary>A deadline armed for one budget; pass it to <see cref="Disarm"/> when the guest returns.</summary>
    internal sealed class Deadline(ExecutionBudget budget, long dueTimestamp)
    {
        public ExecutionBudget Budget { get; } = budget;
        public long DueTimestamp { get; } = dueTimestamp;
        /// <summary>Position in the armed list, or -1 once fired or disarmed.</summary>
        public int Slot { get; set; } = -1;
    }

    /// <summary>Interrupts <paramref name="budget"/> once <paramref name="timeout"/> has passed.</summary>
    public static Deadline Arm(ExecutionBudget budget, TimeSpan timeout)
    {
        long ticks = (long)Math.Min(timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4.0);
        var deadline = new Deadline(budget, Stopwatch.GetTimestamp() + Math.Max(0, ticks));
        lock (s_gate)
        {
            deadline.Slot = s_armed.Count;
            s_armed.Add(deadline);
            if (s_thread is null)
            {
                s_thread = new Thread(Watch) { IsBackground = true, Name = "djinn deadlines", Priority = ThreadPriority.AboveNormal };
                s_thread.Start();
            }
            else if (deadline.DueTimestamp < s_wakeAt)
            {
                Monitor.Pulse(s_gate);
            }
        }
        return deadline;
    }

    /// <summary>
    /// Removes a deadline that has not fired; one that has fired is already gone. Returns true when it had fired
    /// (interrupted its budget). No deadline fires after this returns.
    /// </summary>
    public static bool Disarm(Deadline deadline)
    {
        lock (s_gate)
        {
            if (deadline.Slot < 0) return true;
            RemoveAt(deadline.Slot);
            return false;
        }
    }

    /// <summary>Deadlines armed and not yet fired or disarmed (for tests).</summary>
    internal static int ArmedCount
    {
        get { lock (s_gate) return s_armed.Count; }
    }

    private static void RemoveAt(int slot)
    {
        int last = s_armed.Count - 1;
        s_armed[slot].Slot = -1;
        if (slot != last)
        {
            s_armed[slot] = s_armed[last];
            s_armed[slot].Slot = slot;
        }
        s_armed.RemoveAt(last);
    }

    private static void Watch()
    {
        lock (s_gate)
        {
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                long next = long.MaxValue;
                for (int i = s_armed.Count - 1; i >= 0; i--)
                {
                    var deadline = s_armed[i];
                    if (deadline.DueTimestamp <= now)
                    {
                        RemoveAt(i);
                        deadline.Budget.RaiseInterrupt();
                    }
                    else if (deadline.DueTimestamp < next)
                    {
                        next = deadline.DueTimestamp;
                    }
                }

                s_wakeAt = next;
                if (next == long.MaxValue)
                {
                    Monitor.Wait(s_gate);
                }
                else
                {
                    // Round up: waking a little late is fine, waking early only loops once more.
                    double milliseconds = Math.Ceiling((next - now) * 1000.0 / Stopwatch.Frequency);
                    Monitor.Wait(s_gate, (int)Math.Clamp(milliseconds, 1, int.MaxValue - 1));
                }
            }
        }
    }
}
