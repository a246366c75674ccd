using System.Collections.Concurrent;
using System.Text;
using Maison.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maison.Server.Tests.Platform;

/// <summary>
/// Sampled traces leave the process for the collector named the standard OpenTelemetry way
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), over OTLP/HTTP, as a real collector receives them. The collector here is a
/// loopback HTTP server that keeps what it is sent.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Sampled_request_spans_reach_the_OTLP_collector_named_in_configuration()
    {
        var received = new ConcurrentQueue<(string Signal, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var server = await MaisonServer.StartAsync("otlp", settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "maison-otlp-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Maison:Telemetry:TraceSampleRatio"] = "1",
        });
        using var client = server.CreateClient();
        const string path = "/api/v1/no-such-tenant/products/otlp-probe";

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var found = false;
        while (!found && DateTime.UtcNow < deadline)
        {
            using (await client.GetAsync(path))
            {
            }
            await Task.Delay(250);
            // OTLP's protobuf carries strings as UTF-8: the service's name and the request's path are in the span batch.
            found = received.Any(r => r.Signal == "traces" && Contains(r.Body, "maison-otlp-test") && Contains(r.Body, "otlp-probe"));
        }
        Assert.True(found, $"no span of {path} reached the collector in 30 s; it received: " +
            string.Join(", ", received.GroupBy(r => r.Signal).Select(g => $"{g.Key} × {g.Count()}")));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
