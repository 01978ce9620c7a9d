using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Tests;

public sealed class VersionApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Admin();

    [Fact]
    public async Task Uploading_wat_text_creates_version_1_with_hash_size_and_exports()
    {
        await _client.CreateFunctionAsync("upload-wat");

        var response = await _client.PostAsync("/api/functions/upload-wat/versions", Modules.Form(Modules.WithImport, notes: "first cut"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/functions/upload-wat/versions/1", response.Headers.Location?.OriginalString);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var bytes = Encoding.UTF8.GetBytes(Modules.WithImport);
        Assert.Equal(1, (int?)body["version"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)body["sha256"]);
        Assert.Equal(bytes.Length, (long?)body["size"]);
        Assert.Equal("first cut", (string?)body["notes"]);
        Assert.True((bool?)body["active"]);
        Assert.Contains("admin", (string?)body["createdBy"], StringComparison.Ordinal);
        Assert.Contains(body["exports"]!.AsArray(), e => (string?)e!["name"] == "_start" && (string?)e["kind"] == "function");
        Assert.Contains(body["imports"]!.AsArray(), i => (string?)i!["module"] == "wasi_snapshot_preview1" && (string?)i["name"] == "proc_exit");
    }

    [Fact]
    public async Task Uploading_a_binary_module_is_accepted()
    {
        await _client.CreateFunctionAsync("upload-binary");

        var response = await _client.PostAsync("/api/functions/upload-binary/versions", Modules.Form(Modules.BinaryOfSize(100)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(100, (long?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["size"]);
    }

    [Fact]
    public async Task Versions_are_numbered_per_function_and_the_newest_upload_is_active()
    {
        await _client.CreateFunctionAsync("numbered");
        await _client.UploadAsync("numbered", Modules.Minimal);
        await _client.UploadAsync("numbered", Modules.WithImport);

        var versions = (await _client.GetJsonAsync("/api/functions/numbered/versions")).AsArray();

        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        Assert.Equal([false, true], versions.Select(v => (bool)v!["active"]!));
    }

    [Fact]
    public async Task An_upload_with_activate_false_is_stored_without_moving_the_pointer()
    {
        await _client.CreateFunctionAsync("staged");
        await _client.UploadAsync("staged", Modules.Minimal);

        var staged = await _client.UploadAsync("staged", Modules.WithImport, activate: "false");

        Assert.False((bool?)staged["active"]);
        Assert.Equal(1, (int?)(await _client.GetJsonAsync("/api/functions/staged"))["activeVersion"]);
    }

    [Fact]
    public async Task Identical_re_uploads_share_one_stored_copy_of_the_content()
    {
        await _client.CreateFunctionAsync("same-a");
        await _client.CreateFunctionAsync("same-b");
        const string wat = "(module (func (export \"shared-content\")))";

        var first = await _client.UploadAsync("same-a", wat);
        var second = await _client.UploadAsync("same-a", wat);
        var third = await _client.UploadAsync("same-b", wat);

        Assert.Equal((string?)first["sha256"], (string?)second["sha256"]);
        Assert.Equal((string?)first["sha256"], (string?)third["sha256"]);
        Assert.Equal(2, (int?)second["version"]);
        var sha = (string)first["sha256"]!;
        Assert.Equal(1, await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync(b => b.Sha256 == sha)));
        Assert.Equal(3, await server.Factory.WithDbAsync(db => db.Versions.CountAsync(v => v.Sha256 == sha)));
    }

    [Fact]
    public async Task Activating_an_older_version_rolls_back_the_pointer()
    {
        await _client.CreateFunctionAsync("rollback");
        await _client.UploadAsync("rollback", Modules.Minimal);
        await _client.UploadAsync("rollback", Modules.WithImport);

        var response = await _client.PostAsync("/api/functions/rollback/versions/1/activate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int?)(await _client.GetJsonAsync("/api/functions/rollback"))["activeVersion"]);
        var versions = (await _client.GetJsonAsync("/api/functions/rollback/versions")).AsArray();
        Assert.Equal([true, false], versions.Select(v => (bool)v!["active"]!));
    }

    [Fact]
    public async Task Activating_a_missing_version_gives_404()
    {
        await _client.CreateFunctionAsync("activate-missing");
        await _client.UploadAsync("activate-missing", Modules.Minimal);

        var response = await _client.PostAsync("/api/functions/activate-missing/versions/9/activate", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (int?)(await _client.GetJsonAsync("/api/functions/activate-missing"))["activeVersion"]);
    }

    [Fact]
    public async Task A_malformed_binary_gives_400_with_the_offset_and_stores_nothing()
    {
        await _client.CreateFunctionAsync("malformed");
        var blobsBefore = await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync());

        var response = await _client.PostAsync("/api/functions/malformed/versions", Modules.Form(Modules.Truncated));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Matches("offset \\d+", (string?)problem["detail"]);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/malformed/versions")).AsArray());
        Assert.Null((await _client.GetJsonAsync("/api/functions/malformed"))["activeVersion"]);
        Assert.Equal(blobsBefore, await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync()));
    }

    [Fact]
    public async Task An_invalid_module_gives_400_with_the_engine_message_and_stores_nothing()
    {
        await _client.CreateFunctionAsync("invalid");

        var response = await _client.PostAsync("/api/functions/invalid/versions", Modules.Form(Modules.TypeMismatch));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("type mismatch", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/invalid/versions")).AsArray());
    }

    [Fact]
    public async Task Malformed_text_gives_400_with_the_position_and_stores_nothing()
    {
        await _client.CreateFunctionAsync("bad-text");

        var response = await _client.PostAsync("/api/functions/bad-text/versions", Modules.Form(Modules.BrokenText));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("malformed text at", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/bad-text/versions")).AsArray());
    }

    [Fact]
    public async Task Bytes_that_are_neither_binary_nor_utf8_text_give_400()
    {
        await _client.CreateFunctionAsync("garbage");

        var response = await _client.PostAsync("/api/functions/garbage/versions", Modules.Form([0xFF, 0xFE, 0x00, 0xC3]));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_upload_without_the_module_field_gives_400()
    {
        await _client.CreateFunctionAsync("no-field");
        var form = new MultipartFormDataContent { { new StringContent("hi"), "notes" } };

        var response = await _client.PostAsync("/api/functions/no-field/versions", form);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Parallel_uploads_get_distinct_consecutive_numbers()
    {
        await _client.CreateFunctionAsync("parallel");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _client.PostAsync("/api/functions/parallel/versions", Modules.Form($"(module (func (export \"f{i}\")))"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var versions = (await _client.GetJsonAsync("/api/functions/parallel/versions")).AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], versions.Select(v => (int)v!["version"]!));
    }

    [Fact]
    public async Task Deleting_a_function_keeps_content_that_another_function_uses()
    {
        const string wat = "(module (func (export \"kept-by-other\")))";
        await _client.CreateFunctionAsync("shares-1");
        await _client.CreateFunctionAsync("shares-2");
        var sha = (string)(await _client.UploadAsync("shares-1", wat))["sha256"]!;
        await _client.UploadAsync("shares-2", wat);

        await _client.DeleteAsync("/api/functions/shares-1");

        Assert.Equal(1, await server.Factory.WithDbAsync(db => db.ModuleBlobs.CountAsync(b => b.Sha256 == sha)));
        var module = await server.Factory.WithServiceAsync<Djinn.Data.Services.VersionStore, byte[]?>(s => s.GetModuleAsync("shares-2", 1));
        Assert.Equal(wat, Encoding.UTF8.GetString(module!));
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_gives_400()
    {
        await _client.CreateFunctionAsync("not-multipart");

        var response = await _client.PostAsync("/api/functions/not-multipart/versions", new ByteArrayContent(Modules.BinaryOfSize(64)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class UploadSizeLimitTests(SmallUploadServerFixture server) : IClassFixture<SmallUploadServerFixture>
{
    private readonly HttpClient _client = server.Admin();

    [Fact]
    public async Task A_module_one_byte_over_the_limit_gives_413_and_stores_nothing()
    {
        await _client.CreateFunctionAsync("just-over");

        var response = await _client.PostAsync("/api/functions/just-over/versions", Modules.Form(Modules.BinaryOfSize((int)SmallUploadServerFixture.Limit + 1)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/just-over/versions")).AsArray());
    }

    [Fact]
    public async Task A_module_far_over_the_limit_gives_413()
    {
        await _client.CreateFunctionAsync("far-over");

        var response = await _client.PostAsync("/api/functions/far-over/versions", Modules.Form(Modules.BinaryOfSize(1024 * 1024)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/far-over/versions")).AsArray());
    }

    [Fact]
    public async Task A_streamed_upload_over_the_limit_gives_413()
    {
        await _client.CreateFunctionAsync("chunked-over");
        var module = Modules.BinaryOfSize((int)SmallUploadServerFixture.Limit + 1000);
        var file = new StreamContent(new SlowStream(module, 8192, TimeSpan.Zero, long.MaxValue));
        var form = new MultipartFormDataContent { { file, "module", "big.wasm" } };

        var response = await _client.PostAsync("/api/functions/chunked-over/versions", form);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await _client.GetJsonAsync("/api/functions/chunked-over/versions")).AsArray());
    }

    [Fact]
    public async Task A_module_exactly_at_the_limit_is_accepted()
    {
        await _client.CreateFunctionAsync("at-limit");

        var response = await _client.PostAsync("/api/functions/at-limit/versions", Modules.Form(Modules.BinaryOfSize((int)SmallUploadServerFixture.Limit)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
