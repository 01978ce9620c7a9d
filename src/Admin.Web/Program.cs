using System.Reflection;
using Djinn.Admin.Web.Hosting;
using Djinn.Engine;

// Started as the server (not loaded by a test's WebApplicationFactory): restart with guard-page traps on if needed.
if (Assembly.GetEntryAssembly() == typeof(Program).Assembly) GuardPageTraps.RelaunchIfNeeded();

var builder = WebApplication.CreateBuilder(args);
builder.AddDjinnServer();
var app = builder.Build();
app.UseDjinnServer();
app.Run();

/// <summary>Entry point; public so integration tests can use WebApplicationFactory.</summary>
public partial class Program;
