using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Djinn.Admin.Web.Auth;

/// <summary>Registers bearer-token authentication and an authorization policy that requires it.</summary>
public static class AuthenticationSetup
{
    /// <summary>Adds the <c>Bearer</c> scheme as the default, and a default policy requiring an authenticated user.</summary>
    public static IServiceCollection AddDjinnAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<AdminToken>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }
}
