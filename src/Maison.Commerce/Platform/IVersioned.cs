namespace Maison.Commerce.Platform;

/// <summary>
/// An aggregate edited by people: its <see cref="Version"/> is an optimistic concurrency token, bumped on every
/// save, and surfaces over HTTP as the ETag that <c>If-Match</c> must present.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
