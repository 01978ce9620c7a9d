using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Djinn.Admin.Web.Auth;

/// <summary>The console's cookie scheme and policy; <c>/api</c> keeps using bearer tokens only.</summary>
public static class ConsoleAuth
{
    /// <summary>Name of the console cookie scheme.</summary>
    public const string SchemeName = "DjinnConsole";

    /// <summary>Authorization policy of console pages.</summary>
    public const string PolicyName = "Console";

    /// <summary>The login page.</summary>
    public const string LoginPath = "/login";

    /// <summary>The logout endpoint (POST).</summary>
    public const string LogoutPath = "/logout";

    /// <summary>Adds the cookie scheme, the console policy and the login throttle.</summary>
    public static IServiceCollection AddConsoleCookieAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddAuthentication().AddCookie(SchemeName, o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.Cookie.Name = "djinn.console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(PolicyName,
            new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Signs the console user out and returns to the login page.</summary>
    public static async Task<IResult> LogoutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.SignOutAsync(SchemeName);
        return TypedResults.LocalRedirect(LoginPath);
    }
}
