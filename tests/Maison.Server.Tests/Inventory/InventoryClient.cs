using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Inventory;

/// <summary>Arranges stock through the admin API of one tenant.</summary>
public sealed class InventoryClient(HttpClient client, string tenant) : IDisposable
{
    public HttpClient Http => client;

    public string Base => $"/api/v1/{tenant}/admin";

    public async Task LocationAsync(string code, string country = "GB", params string[] serves) =>
        await Expect.Status(await client.PostAsJsonAsync($"{Base}/locations", new { code, name = "Location " + code, country, serves }),
            HttpStatusCode.Created);

    public async Task<JsonNode> SetAsync(string sku, string location, int onHand, int? safetyStock = null, string? reason = null) =>
        await Expect.Status(await client.PutAsJsonAsync($"{Base}/inventory/{sku}/levels/{location}", new { onHand, safetyStock, reason }),
            HttpStatusCode.OK);

    public async Task<JsonNode> LevelsAsync(string sku) => await Expect.Status(await client.GetAsync($"{Base}/inventory/{sku}"), HttpStatusCode.OK);

    public async Task<JsonNode> LevelAsync(string sku, string location) =>
        (await LevelsAsync(sku))["levels"]!.AsArray().Single(l => l!["location"]!.GetValue<string>() == location)!;

    public async Task<List<JsonNode>> MovementsAsync(string sku)
    {
        var all = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await Expect.Status(await client.GetAsync($"{Base}/inventory/{sku}/movements?limit=100" + (after is null ? "" : $"&after={after}")),
                HttpStatusCode.OK);
            all.AddRange(page["items"]!.AsArray().Select(i => i!));
            after = page["nextCursor"]?.GetValue<string>();
        } while (after is not null);
        return all;
    }

    public Task<HttpResponseMessage> ReserveAsync(object lines, int? ttlSeconds = null, string? reference = null) =>
        client.PostAsJsonAsync($"{Base}/reservations", new { lines, ttlSeconds, reference });

    public async Task<string> HoldAsync(object lines, int? ttlSeconds = null) =>
        (await Expect.Status(await ReserveAsync(lines, ttlSeconds), HttpStatusCode.Created))["id"]!.GetValue<string>();

    public Task<HttpResponseMessage> CommitAsync(string id) => client.PostAsync($"{Base}/reservations/{id}/commit", null);

    public Task<HttpResponseMessage> ReleaseAsync(string id) => client.PostAsync($"{Base}/reservations/{id}/release", null);

    public async Task<JsonNode> ReservationAsync(string id) => await Expect.Status(await client.GetAsync($"{Base}/reservations/{id}"), HttpStatusCode.OK);

    public static int Int(JsonNode node, string field) => node[field]!.GetValue<int>();

    public void Dispose() => client.Dispose();
}
