using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Payments.Sandbox;

/// <summary>
/// The sandbox payment provider: a real HTTP service on loopback, with API.md's test tokens. <c>tok_visa</c>
/// authorizes; <c>tok_declined</c> and <c>tok_insufficient_funds</c> are 402; <c>tok_error</c> is a 500 (nothing
/// happened, retry); <c>tok_timeout</c> authorizes and then drops the connection, so the caller never hears it.
/// Every POST needs an <c>Idempotency-Key</c>; the same key replays the first answer without a second effect.
/// </summary>
public sealed class SandboxGatewayApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxGatewayApp(WebApplication app, SandboxLedger ledger, Uri baseAddress)
    {
        _app = app;
        Ledger = ledger;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public SandboxLedger Ledger { get; }

    /// <summary>Starts the sandbox on <paramref name="url"/> (port 0: any free port) and returns once it listens.</summary>
    public static async Task<SandboxGatewayApp> StartAsync(string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        var app = Build(url, out var ledger);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxGatewayApp(app, ledger, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Runs the sandbox alone until stopped (the <c>sandbox-gateway</c> command).</summary>
    public static async Task RunAsync(string url, CancellationToken ct = default)
    {
        var app = Build(url, out _);
        await app.RunAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(string url, out SandboxLedger ledger)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Maison.SandboxGateway", EnvironmentName = "Production" });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var books = ledger = new SandboxLedger();
        var routes = new SandboxRoutes(books);

        app.MapPost("/v1/authorizations", routes.Authorize);
        app.MapPost("/v1/authorizations/{id}/capture", routes.Capture);
        app.MapPost("/v1/authorizations/{id}/void", routes.Void);
        app.MapPost("/v1/authorizations/{id}/refund", routes.Refund);
        app.MapGet("/v1/operations/{key}", routes.Find);
        app.MapGet("/v1/authorizations", () => Results.Json(books.Authorizations.Values.OrderBy(a => a.Id, StringComparer.Ordinal), SandboxRoutes.Json));
        return app;
    }
}

/// <summary>The sandbox's request bodies.</summary>
internal sealed record SandboxAuthorizeBody(long Amount, string Currency, string Token);

internal sealed record SandboxAmountBody(long Amount);
