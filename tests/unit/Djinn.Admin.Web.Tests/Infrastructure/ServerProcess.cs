using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>The real <c>djinn</c> server as a child process on 127.0.0.1 and a free port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the built server and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string? adminToken, string? adminPassword)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(AppHostPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DJINN_DATA"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("DJINN_ADMIN_TOKEN");
        start.Environment.Remove("DJINN_ADMIN_PASSWORD");
        if (adminToken is not null)
        {
            start.Environment["DJINN_ADMIN_TOKEN"] = adminToken;
        }

        if (adminPassword is not null)
        {
            start.Environment["DJINN_ADMIN_PASSWORD"] = adminPassword;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    public HttpClient CreateClient(string? token, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Kills the process immediately (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("the server exited during start:\n" + Output);
            }

            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
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

        throw new TimeoutException("the server did not become healthy:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The self-contained apphost built next to this test assembly's configuration.</summary>
    private static string AppHostPath()
    {
        var baseDir = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(baseDir);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Djinn.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("Djinn.slnx not found above " + baseDir);
        }

        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(dir.FullName, "src", "Admin.Web", "bin", configuration, "net9.0", "linux-x64", "Djinn.Admin.Web");
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/Admin.Web first", path);
    }
}
