using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// The default <see cref="IInvocationSink"/>: drops everything. Registered with TryAdd so the telemetry registration
/// (log store, streams, metrics) replaces it when present.
/// </summary>
public sealed class NullInvocationSink : IInvocationSink
{
    /// <inheritdoc />
    public void Record(InvocationEvent invocation)
    {
    }

    /// <inheritdoc />
    public void Rejected(string function, string reason)
    {
    }

    /// <inheritdoc />
    public void ModuleCacheLookup(bool hit)
    {
    }
}
