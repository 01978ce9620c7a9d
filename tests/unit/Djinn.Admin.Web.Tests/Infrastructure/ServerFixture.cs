namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>One server on one fresh data directory, shared by the tests of a class.</summary>
public class ServerFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ServerFixture() : this(null)
    {
    }

    protected ServerFixture(long? maxModuleBytes)
    {
        Factory = new DjinnFactory(_directory.Path, maxModuleBytes);
    }

    public DjinnFactory Factory { get; }

    public string DataDirectory => _directory.Path;

    public HttpClient Admin() => Factory.CreateAdminClient();

    public void Dispose()
    {
        Factory.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A server that accepts modules of at most 64 KiB.</summary>
public sealed class SmallUploadServerFixture : ServerFixture
{
    public const long Limit = 64 * 1024;

    public SmallUploadServerFixture() : base(Limit)
    {
    }
}
