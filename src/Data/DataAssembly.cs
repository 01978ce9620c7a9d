namespace Djinn.Data;

/// <summary>Marker for the data layer; the EF Core model arrives with the data/API issue.</summary>
public static class DataAssembly
{
    public const string Name = "Djinn.Data";
}
