using Microsoft.Extensions.Configuration;

namespace Maison.Commerce.Payments.Sandbox;

/// <summary>
/// Where the sandbox gateway listens: <c>Maison:Payments:Sandbox:Url</c> if configured (a sandbox started on its own
/// with the <c>sandbox-gateway</c> command), otherwise one hosted in this process, started on first use.
/// </summary>
public sealed class SandboxGatewayEndpoint(IConfiguration configuration) : IAsyncDisposable
{
    public const string UrlKey = "Maison:Payments:Sandbox:Url";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SandboxGatewayApp? _hosted;
    private Uri? _address;

    /// <summary>The hosted sandbox, if this process started one (tests read its ledger).</summary>
    public SandboxGatewayApp? Hosted => _hosted;

    public async ValueTask<Uri> AddressAsync(CancellationToken ct)
    {
        if (_address is not null) return _address;
        await _gate.WaitAsync(ct);
        try
        {
            if (_address is not null) return _address;
            if (configuration[UrlKey] is { Length: > 0 } url)
            {
                _address = new Uri(url.EndsWith('/') ? url : url + "/");
            }
            else
            {
                _hosted = await SandboxGatewayApp.StartAsync("http://127.0.0.1:0", ct);
                _address = _hosted.BaseAddress;
            }
            return _address;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hosted is not null) await _hosted.DisposeAsync();
        _gate.Dispose();
    }
}
