using System.Net;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Gateway;

public sealed class GatewayLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _admin = server.Admin();
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task A_body_over_max_request_bytes_is_413_and_one_at_the_limit_runs()
    {
        await _admin.DeployAsync("small-body", GatewayFixtures.Reply("ok"));
        await _admin.SetLimitsAsync("small-body", new { maxRequestBytes = 100 });

        var tooLarge = await _client.PostAsync("/fn/small-body", new ByteArrayContent(new byte[101]));
        var atLimit = await _client.PostAsync("/fn/small-body", new ByteArrayContent(new byte[100]));

        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        await _admin.DeployAsync("small-chunked", GatewayFixtures.Reply("ok"));
        await _admin.SetLimitsAsync("small-chunked", new { maxRequestBytes = 1000 });
        var content = new StreamContent(new MemoryStream(new byte[5000]));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/fn/small-chunked") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Requests_beyond_rate_plus_burst_get_429_with_retry_after()
    {
        await _admin.DeployAsync("rate-limited", GatewayFixtures.Reply("ok"));
        await _admin.SetLimitsAsync("rate-limited", new { rateLimitPerSecond = 1, rateLimitBurst = 2 });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (int i = 0; i < 8; i++)
        {
            var response = await _client.GetAsync("/fn/rate-limited");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected ??= response;
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.NotNull(rejected);
        await rejected.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(rejected.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Concurrent_requests_beyond_max_concurrency_and_its_queue_get_503_with_retry_after()
    {
        await _admin.DeployAsync("slow", GatewayFixtures.Misbehave);
        await _admin.SetLimitsAsync("slow", new { maxConcurrency = 1, timeoutMs = 1500 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.GetAsync("/fn/slow")));

        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.NotEmpty(busy);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.GatewayTimeout);
        await busy[0].AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), busy[0].Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_response_over_max_response_bytes_is_a_500_problem_naming_the_output_limit()
    {
        await _admin.DeployAsync("big-reply", GatewayFixtures.Reply("this body is longer than forty bytes in all"));
        await _admin.SetLimitsAsync("big-reply", new { maxResponseBytes = 40 });

        var problem = await (await _client.GetAsync("/fn/big-reply")).AssertProblemAsync(HttpStatusCode.InternalServerError);

        Assert.Equal("OutputLimitExceeded", (string?)problem["trap"]);
    }

    [Fact]
    public async Task A_module_needing_more_memory_than_memory_mb_fails_cleanly_with_500()
    {
        await _admin.DeployAsync("big-memory", "(module (memory (export \"memory\") 40) (func (export \"_start\")))");
        await _admin.SetLimitsAsync("big-memory", new { memoryMb = 1 });

        await (await _client.GetAsync("/fn/big-memory")).AssertProblemAsync(HttpStatusCode.InternalServerError);
        await _admin.SetLimitsAsync("big-memory", new { memoryMb = 8 });
        // With room for its 40 pages it instantiates and runs; it writes nothing, which is not a contract response.
        Assert.Equal(HttpStatusCode.BadGateway, (await _client.GetAsync("/fn/big-memory")).StatusCode);
    }
}
