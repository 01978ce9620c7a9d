using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Djinn.Admin.Web.Services;

/// <summary>The audit actor of a change made in the console, e.g. <c>admin (console)</c>.</summary>
public static class ConsoleActor
{
    /// <summary>The signed-in user (or <c>anonymous</c>) followed by <c>(console)</c>.</summary>
    public static async Task<string> OfAsync(Task<AuthenticationState>? authState) =>
        Of(authState is null ? null : (await authState).User);

    /// <summary>The audit actor for <paramref name="user"/> acting in the console.</summary>
    public static string Of(ClaimsPrincipal? user) => (user?.Actor() ?? "anonymous") + " (console)";
}
