using System.Text.Json;
using System.Text.Json.Serialization;
using Djinn.Admin.Web.Api;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Gateway;
using Djinn.Admin.Web.Services;
using Djinn.Admin.Web.Telemetry;
using Djinn.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Hosting;

/// <summary>Registrations and the request pipeline of the <c>djinn</c> server.</summary>
public static class ServerSetup
{
    /// <summary>Configuration key (usually an environment variable) naming the data directory.</summary>
    public const string DataDirectoryKey = "DJINN_DATA";

    /// <summary>The liveness probe: <c>GET /healthz</c> answers <c>ok</c>.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Registers data, engine, authentication and the admin API services.</summary>
    public static WebApplicationBuilder AddDjinnServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Per-request framework logs at Information ("Executing endpoint", "Context initialized", ...) cost more than
        // running a function; keep framework categories at Warning (configuration can still lower them).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section)
            .Validate(o => o.MaxModuleBytes > 0, "Djinn:MaxModuleBytes must be positive");
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
            kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ServerOptions>>((form, server) =>
            form.MultipartBodyLengthLimit = server.Value.MaxModuleBytes);

        services.AddDjinnData(sp =>
            sp.GetRequiredService<IConfiguration>()[DataDirectoryKey] is { Length: > 0 } dir ? dir : DataPaths.DefaultDirectory);
        services.AddHostedService<DataInitializer>();
        UseSingletonDbContextOptions(services);
        services.AddSingleton(_ => new Djinn.Engine.Engine(new Djinn.Engine.Config()));
        services.AddSingleton<ModuleInspector>();
        services.AddDjinnFunctionManagement();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw in every environment, so BadRequestExceptionHandler answers them alike.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddDjinnAuthentication();
        services.AddDjinnTelemetry();
        services.AddDjinnGateway();
        InvocationScheduler.ReservePoolThreads(InvocationScheduler.DefaultInlineSlots);
        services.AddDjinnConsole();
        return builder;
    }

    private static readonly byte[] _healthy = "ok"u8.ToArray();

    private static bool IsHealthCheck(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase);

    private static Task WriteHealthyAsync(HttpResponse response)
    {
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = 2;
        return response.Body.WriteAsync(_healthy).AsTask();
    }

    /// <summary>
    /// EF Core registers a context's options per scope by default, so every new context rebuilt them and looked up
    /// EF's internal service provider by comparing them (a large share of a small request's cost). Options hold no
    /// per-request state here (connection string, singleton interceptors), so one instance serves every context.
    /// </summary>
    private static void UseSingletonDbContextOptions(IServiceCollection services)
    {
        for (int i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if ((descriptor.ServiceType == typeof(DbContextOptions<DjinnDbContext>) || descriptor.ServiceType == typeof(DbContextOptions))
                && descriptor.Lifetime == ServiceLifetime.Scoped && descriptor.ImplementationFactory is { } factory)
            {
                services[i] = new ServiceDescriptor(descriptor.ServiceType, factory, ServiceLifetime.Singleton);
            }
        }
    }

    /// <summary>Adds error handling, authentication, <c>/healthz</c> and the <c>/api</c> group.</summary>
    public static WebApplication UseDjinnServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Liveness probes are answered before anything else: authentication alone would otherwise build a DbContext
        // for each probe (the bearer handler's stores), several times the cost of the answer.
        app.Use(next => context => IsHealthCheck(context.Request) ? WriteHealthyAsync(context.Response) : next(context));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Function calls are served here, before authentication and the console's middleware (see GatewayEndpoints).
        app.UseDjinnGateway();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(HealthPath, () => TypedResults.Text("ok")).AllowAnonymous();
        app.MapDjinnApi();
        app.MapDjinnTelemetry();
        app.MapDjinnConsole();
        app.UseDjinnCustomRoutes();
        return app;
    }
}
