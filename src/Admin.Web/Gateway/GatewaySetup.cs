using Djinn.Admin.Web.Services;
using Djinn.Admin.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Djinn.Admin.Web.Gateway;

/// <summary>Registrations of the function gateway.</summary>
public static class GatewaySetup
{
    /// <summary>
    /// Adds the runtime (engine, host, module cache), admission control, the per-request gateway, the sample seeder and
    /// a no-op <see cref="IInvocationSink"/> unless telemetry registered one.
    /// </summary>
    public static IServiceCollection AddDjinnGateway(this IServiceCollection services)
    {
        services.TryAddSingleton<IInvocationSink, NullInvocationSink>();
        services.AddSingleton<FunctionRuntime>();
        services.AddSingleton<FunctionAdmission>();
        services.AddSingleton<FunctionConfigCache>();
        services.AddSingleton(_ => new InvocationScheduler());
        services.AddSingleton<FunctionResolver>();
        services.AddSingleton<FunctionGateway>();
        services.AddHostedService<SampleFunctionSeeder>();
        return services;
    }
}
