using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>
/// A minimal SignalR client over a raw WebSocket speaking the JSON hub protocol
/// (https://github.com/dotnet/aspnetcore/blob/main/src/SignalR/docs/specs/HubProtocol.md): negotiate, handshake,
/// invocations (type 1), completions (type 3); pings (type 6) are skipped.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private int _nextId;

    private HubClient()
    {
    }

    /// <summary>Negotiates with <paramref name="token"/> in the header, then connects with it as <c>access_token</c>, as browsers do.</summary>
    public static async Task<HubClient> ConnectAsync(HttpClient http, Uri baseAddress, string path, string token)
    {
        var negotiate = await http.PostAsync($"{path}/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var body = (await negotiate.Content.ReadFromJsonAsync<JsonObject>())!;
        var connectionToken = body["connectionToken"]!.GetValue<string>();
        var client = new HubClient();
        var uri = new UriBuilder(baseAddress)
        {
            Scheme = "ws",
            Path = path,
            Query = $"id={Uri.EscapeDataString(connectionToken)}&access_token={Uri.EscapeDataString(token)}",
        }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client._socket.ConnectAsync(uri, timeout.Token);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var handshake = await client.ReceiveMessageAsync(TimeSpan.FromSeconds(20));
        Assert.Null(handshake["error"]);
        return client;
    }

    /// <summary>Invokes <paramref name="target"/> and waits for its completion; returns the completion message.</summary>
    public async Task<JsonObject> InvokeAsync(string target, params object[] arguments)
    {
        var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = new JsonArray(arguments.Select(a => JsonValue.Create(a)).ToArray<JsonNode?>()),
        };
        await SendRawAsync(message.ToJsonString() + RecordSeparator);
        return await WaitForAsync(m => m["type"]!.GetValue<int>() == 3 && m["invocationId"]?.GetValue<string>() == id, TimeSpan.FromSeconds(20));
    }

    /// <summary>Waits for an invocation of <paramref name="target"/> sent by the server and returns its arguments.</summary>
    public async Task<JsonArray> WaitForEventAsync(string target, TimeSpan timeout, Func<JsonArray, bool>? match = null)
    {
        var message = await WaitForAsync(
            m => m["type"]!.GetValue<int>() == 1 && m["target"]?.GetValue<string>() == target && (match is null || match(m["arguments"]!.AsArray())),
            timeout);
        return message["arguments"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }

    private async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "timed out waiting for a hub message");
            var message = await ReceiveMessageAsync(left);
            if (match(message))
            {
                return message;
            }
        }
    }

    private async Task SendRawAsync(string text)
    {
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private async Task<JsonObject> ReceiveMessageAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonNode.Parse(text[..end])!.AsObject();
            }

            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
