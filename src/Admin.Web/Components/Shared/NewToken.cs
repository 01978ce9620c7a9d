namespace Djinn.Admin.Web.Components.Shared;

/// <summary>
/// A just-created API token, held only until the operator dismisses it: the store keeps only its hash, so once
/// dismissed (or the page is left) it can never be shown again.
/// </summary>
public sealed class NewToken
{
    /// <summary>The token's name, while it is shown.</summary>
    public string? Name { get; private set; }

    /// <summary>The token itself, while it is shown; null afterwards.</summary>
    public string? Value { get; private set; }

    /// <summary>True while a token is shown.</summary>
    public bool IsShown => Value is not null;

    /// <summary>Shows <paramref name="token"/>, replacing any token still shown.</summary>
    public void Show(string name, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Name = name;
        Value = token;
    }

    /// <summary>Forgets the token for good.</summary>
    public void Dismiss()
    {
        Name = null;
        Value = null;
    }
}
