using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Djinn.E2E.Tests;

/// <summary>
/// Starts the real <c>djinn</c> server (the built Djinn.Admin.Web.dll) on a free 127.0.0.1 port with a fresh data
/// directory, and a headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class DjinnServerFixture : IAsyncLifetime
{
    /// <summary>The admin password the server is started with.</summary>
    public const string AdminPassword = "e2e-Admin-password-1";

    /// <summary>Debian's Chromium; Playwright's own browsers are never installed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly StringBuilder _serverLog = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "djinn-e2e-" + Guid.NewGuid().ToString("N"));
    private Process? _server;
    private IPlaywright? _playwright;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The headless browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the journeys' screenshots go (inside the test output directory).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}. Install it with `apt-get install -y chromium` (scripts/test.sh does this); the e2e tests never install Playwright's browsers.");
        }

        var dll = FindServerDll();
        Directory.CreateDirectory(_dataDirectory);
        Directory.CreateDirectory(ScreenshotDirectory);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DJINN_DATA"] = _dataDirectory;
        start.Environment["DJINN_ADMIN_PASSWORD"] = AdminPassword;
        // Started as a user starts it: without the runtime setting the test host has (tests/test.runsettings), so
        // the server must restart itself with guard-page traps on (ServerStartTests).
        start.Environment.Remove("DOTNET_legacyCorruptedStateExceptionsPolicy");
        _server = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilHealthyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    /// <summary>The server's process (the one the fixture started; a relaunch keeps its PID).</summary>
    public Process ServerProcess => _server ?? throw new InvalidOperationException("the server is not started");

    /// <summary>A new browser context (own cookies) with a page.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>What the server wrote so far, for failure messages.</summary>
    public string ServerLog
    {
        get
        {
            lock (_serverLog)
            {
                return _serverLog.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_serverLog)
        {
            _serverLog.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_server.ExitCode}:\n{ServerLog}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server did not answer /healthz within 60 s:\n{ServerLog}");
    }

    private static string FindServerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Djinn.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"Djinn.slnx not found above {AppContext.BaseDirectory}");
        }

        var dll = Path.Combine(dir.FullName, "src", "Admin.Web", "bin", Configuration, "net9.0", "linux-x64", "Djinn.Admin.Web.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"the server is not built: {dll} is missing (build src/Admin.Web in {Configuration})");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The journeys share one server and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<DjinnServerFixture>
{
    public const string Name = "console";
}
