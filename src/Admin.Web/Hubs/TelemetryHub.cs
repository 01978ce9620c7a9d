using Djinn.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Djinn.Admin.Web.Hubs;

/// <summary>
/// Live telemetry at <c>/hubs/telemetry</c> (bearer token; WebSockets may pass it as <c>access_token</c>).
/// Clients join a function's group for its <c>log</c> and <c>metrics</c> events, or the dashboard group for
/// <c>dashboard</c> events (see docs/TELEMETRY.md).
/// </summary>
[Authorize]
public sealed class TelemetryHub : Hub
{
    /// <summary>The hub's path.</summary>
    public const string Path = "/hubs/telemetry";

    /// <summary>The group that receives <see cref="DashboardEvent"/> once a second.</summary>
    public const string DashboardGroup = "dashboard";

    /// <summary>A guest log line (<c>LogEvent</c>), sent to the function's group.</summary>
    public const string LogEvent = "log";

    /// <summary>A function's live figures (<c>LiveFigures</c>), sent to its group once a second while it has traffic.</summary>
    public const string MetricsEvent = "metrics";

    /// <summary>The overall and per-function live figures (<c>LiveSnapshot</c>), sent to the dashboard group once a second.</summary>
    public const string DashboardEvent = "dashboard";

    /// <summary>The group of one function.</summary>
    public static string FunctionGroup(string function) => "function:" + function;

    /// <summary>Starts receiving <paramref name="name"/>'s log lines and live figures.</summary>
    public Task JoinFunction(string name) => Groups.AddToGroupAsync(Context.ConnectionId, FunctionGroup(Valid(name)), Context.ConnectionAborted);

    /// <summary>Stops receiving <paramref name="name"/>'s events.</summary>
    public Task LeaveFunction(string name) => Groups.RemoveFromGroupAsync(Context.ConnectionId, FunctionGroup(Valid(name)), Context.ConnectionAborted);

    /// <summary>Starts receiving the dashboard figures.</summary>
    public Task JoinDashboard() => Groups.AddToGroupAsync(Context.ConnectionId, DashboardGroup, Context.ConnectionAborted);

    /// <summary>Stops receiving the dashboard figures.</summary>
    public Task LeaveDashboard() => Groups.RemoveFromGroupAsync(Context.ConnectionId, DashboardGroup, Context.ConnectionAborted);

    private static string Valid(string name) =>
        FunctionNames.IsValid(name) ? name : throw new HubException($"a function name must match {FunctionNames.Pattern}");
}
