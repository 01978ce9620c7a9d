using System.Net;
using System.Text;
using Djinn.Admin.Web.Hosting;
using Djinn.Admin.Web.Services;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Data;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Admin.Web.Tests.Console;

/// <summary>The upload service shared by the REST API and the console's upload endpoint.</summary>
public sealed class VersionUploadTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(Modules.TypeMismatch, "mismatch.wat")]
    [InlineData(Modules.BrokenText, "broken.wat")]
    public async Task A_malformed_upload_returns_the_engine_error_and_stores_nothing(string wat, string fileName)
    {
        var name = "upload-bad-" + fileName.Split('.')[0];
        await server.Admin().CreateFunctionAsync(name);
        var bytes = Encoding.UTF8.GetBytes(wat);
        var blobsBefore = await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync());

        var (version, problem) = await StoreAsync(name, new VersionUpload(bytes, fileName, "should not stick"));

        Assert.Null(version);
        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("Invalid module", problem.ProblemDetails.Title);
        var engineError = server.Factory.Services.GetRequiredService<ModuleInspector>().Inspect(bytes, fileName).Error;
        Assert.False(string.IsNullOrEmpty(engineError));
        Assert.Equal(engineError, problem.ProblemDetails.Detail);
        Assert.Empty((await server.Factory.WithServiceAsync<VersionStore, List<Djinn.Data.Entities.FunctionVersion>?>(
            async s => (await s.ListAsync(name))?.Versions))!);
        Assert.Equal(blobsBefore, await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync()));
    }

    [Fact]
    public async Task An_accepted_upload_is_stored_as_the_next_active_version_with_its_imports()
    {
        await server.Admin().CreateFunctionAsync("upload-good");

        var (version, problem) = await StoreAsync("upload-good", new VersionUpload(Encoding.UTF8.GetBytes(Modules.WithImport), "ok.wat", "first"));

        Assert.Null(problem);
        Assert.NotNull(version);
        Assert.Equal(1, version.Version);
        Assert.True(version.Active);
        Assert.Equal("first", version.Notes);
        Assert.Equal("tester (console)", version.CreatedBy);
        Assert.Contains(version.Imports, i => i.Name == "proc_exit");
        Assert.Equal(1, (await server.Factory.WithServiceAsync<FunctionStore, Djinn.Data.Entities.Function?>(s => s.FindAsync("upload-good")))!.ActiveVersion);
    }

    [Fact]
    public async Task An_upload_to_a_missing_function_is_not_found()
    {
        var (_, problem) = await StoreAsync("upload-nobody", new VersionUpload(Encoding.UTF8.GetBytes(Modules.Minimal), "m.wat", null));

        Assert.Equal(StatusCodes.Status404NotFound, problem?.StatusCode);
    }

    [Fact]
    public async Task The_console_upload_endpoint_needs_the_console_cookie_not_a_token()
    {
        await server.Admin().CreateFunctionAsync("upload-cookie");
        using var client = server.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", DjinnFactory.AdminTokenValue);

        using var response = await client.PostAsync(new Uri("/" + ConsoleFunctionEndpoints.UploadPath("upload-cookie"), UriKind.Relative), Modules.Form(Modules.Minimal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty((await server.Factory.WithServiceAsync<VersionStore, List<Djinn.Data.Entities.FunctionVersion>?>(
            async s => (await s.ListAsync("upload-cookie"))?.Versions))!);
    }

    [Theory]
    [InlineData("http://console.example:8080", null, true)]
    [InlineData(null, "same-origin", true)]
    [InlineData("https://evil.example", null, false)]
    [InlineData("https://evil.example", "cross-site", false)]
    [InlineData(null, null, false)]
    public void Console_uploads_are_accepted_only_from_the_console_origin(string? origin, string? fetchSite, bool accepted)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("console.example:8080");
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        Assert.Equal(accepted, ConsoleFunctionEndpoints.IsSameOrigin(context.Request));
    }

    private async Task<(Djinn.Admin.Web.Api.VersionResponse? Version, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> StoreAsync(
        string name, VersionUpload upload)
    {
        await using var scope = server.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VersionUploader>().StoreAsync(name, upload, "tester (console)", CancellationToken.None);
    }
}
