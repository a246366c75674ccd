namespace Maison.Server.Hosting;

/// <summary>Which roles this process plays (API.md: <c>Maison:Roles</c>).</summary>
public sealed record MaisonRoles(bool Api, bool Worker)
{
    public static MaisonRoles From(IConfiguration configuration)
    {
        var value = configuration["Maison:Roles"];
        if (string.IsNullOrWhiteSpace(value)) return new MaisonRoles(true, true);
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = parts.Where(p => p is not ("api" or "worker")).ToList();
        if (unknown.Count > 0 || parts.Length == 0)
        {
            throw new InvalidOperationException($"Maison:Roles must be api, worker or api,worker, not '{value}'.");
        }
        return new MaisonRoles(parts.Contains("api"), parts.Contains("worker"));
    }
}
