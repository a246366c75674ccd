using Maison.Server.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>Every route the running host serves, so that cross-cutting tests cover routes added later too.</summary>
public static class Routes
{
    public sealed record Route(string Method, string Pattern, bool TenantScoped)
    {
        /// <summary>The pattern with <c>{tenant}</c> set and every other parameter given a value that names nothing.</summary>
        public string Path(string tenant) =>
            System.Text.RegularExpressions.Regex.Replace(Pattern.Replace("{tenant}", tenant), @"\{[^}]+\}", "00000000-0000-0000-0000-000000000001");

        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Route> All(MaisonServer server) =>
        server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, e.RoutePattern.RawText!, e.Metadata.GetMetadata<TenantScopedMetadata>() is not null)))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
}
