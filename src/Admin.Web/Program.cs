using Djinn.Admin.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDjinnServer();
var app = builder.Build();
app.UseDjinnServer();
app.Run();

/// <summary>Entry point; public so integration tests can use WebApplicationFactory.</summary>
public partial class Program;
