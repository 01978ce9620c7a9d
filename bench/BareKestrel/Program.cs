// Bare Kestrel: the same response bytes as the seeded hello function, with no sandbox, store or telemetry.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
byte[] body = "{\"message\":\"Hello from Djinn!\"}"u8.ToArray();
app.MapGet("/fn/hello", () => Results.Bytes(body, "application/json"));
app.Run();
