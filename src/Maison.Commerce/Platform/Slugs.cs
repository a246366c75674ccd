namespace Maison.Commerce.Platform;

public static class Slugs
{
    /// <summary>Lower-case letters, digits and inner hyphens, as in a URL segment: slugs, codes, SKUs' handles.</summary>
    public const string Pattern = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
}
