using System.Net;
using System.Text.RegularExpressions;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Djinn.Admin.Web.Tests.Console;

public sealed partial class ConsoleAuthTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_console_page_without_a_cookie_redirects_to_login()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/functions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Ffunctions", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_in_opens_the_console_but_not_the_api_and_logging_out_closes_it()
    {
        using var client = NewClient();

        using var login = await PostLoginAsync(client, "admin", "test-password");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var page = await client.GetAsync(new Uri("/functions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Functions", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = await client.GetAsync(new Uri("/api/functions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var logout = await client.PostAsync(new Uri(ConsoleAuth.LogoutPath, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var after = await client.GetAsync(new Uri("/functions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Repeated_failed_logins_are_refused_with_a_clear_message_even_with_the_right_password()
    {
        using var client = NewClient();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var failed = await PostLoginAsync(client, "throttled-user", "wrong");
            Assert.Contains("Wrong username or password", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var refused = await PostLoginAsync(client, "throttled-user", "wrong");
        Assert.Contains("Too many failed logins", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient NewClient() =>
        server.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/login", UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
