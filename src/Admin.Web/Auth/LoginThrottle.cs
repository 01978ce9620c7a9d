using System.Collections.Concurrent;

namespace Djinn.Admin.Web.Auth;

/// <summary>
/// Limits failed console logins per remote address and user name: at most
/// <see cref="MaxFailures"/> failures within <see cref="Window"/>; then logins are refused until the window passes.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Failures allowed per key within the window.</summary>
    public const int MaxFailures = 5;

    /// <summary>The sliding window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>When locked, how long until another attempt is allowed; otherwise null.</summary>
    public TimeSpan? RetryAfter(string? remoteAddress, string userName)
    {
        if (!_failures.TryGetValue(Key(remoteAddress, userName), out var queue))
        {
            return null;
        }

        lock (queue)
        {
            var now = time.GetUtcNow();
            Prune(queue, now);
            return queue.Count >= MaxFailures ? queue.Peek() + Window - now : null;
        }
    }

    /// <summary>Records a failed attempt.</summary>
    public void RecordFailure(string? remoteAddress, string userName)
    {
        var queue = _failures.GetOrAdd(Key(remoteAddress, userName), _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            var now = time.GetUtcNow();
            Prune(queue, now);
            queue.Enqueue(now);
        }
    }

    /// <summary>Forgets the failures of a key after a successful login.</summary>
    public void Reset(string? remoteAddress, string userName) => _failures.TryRemove(Key(remoteAddress, userName), out _);

    private static void Prune(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() + Window <= now)
        {
            queue.Dequeue();
        }
    }

    private static string Key(string? remoteAddress, string userName) =>
        (remoteAddress ?? "?") + "|" + userName.ToUpperInvariant();
}
