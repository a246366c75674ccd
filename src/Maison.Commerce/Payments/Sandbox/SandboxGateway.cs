using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Platform;
using Polly.Timeout;

namespace Maison.Commerce.Payments.Sandbox;

/// <summary>
/// The <see cref="IPaymentGateway"/> adapter for the sandbox, over HTTP. The client's resilience pipeline retries 5xx
/// with the same idempotency key and bounds each call with a timeout; a lost connection or a timeout is
/// <see cref="GatewayOutcome.Unknown"/>, never retried blind.
/// </summary>
internal sealed class SandboxGateway(HttpClient http, SandboxGatewayEndpoint endpoint) : IPaymentGateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public Task<GatewayResult> AuthorizeAsync(string idempotencyKey, Money amount, string token, CancellationToken ct) =>
        PostAsync("v1/authorizations", idempotencyKey, new { amount = amount.AmountMinor, currency = amount.Currency.Code, token }, ct);

    public Task<GatewayResult> CaptureAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct) =>
        PostAsync($"v1/authorizations/{Uri.EscapeDataString(reference)}/capture", idempotencyKey, new { amount = amount.AmountMinor }, ct);

    public Task<GatewayResult> VoidAsync(string idempotencyKey, string reference, CancellationToken ct) =>
        PostAsync($"v1/authorizations/{Uri.EscapeDataString(reference)}/void", idempotencyKey, new { }, ct);

    public Task<GatewayResult> RefundAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct) =>
        PostAsync($"v1/authorizations/{Uri.EscapeDataString(reference)}/refund", idempotencyKey, new { amount = amount.AmountMinor }, ct);

    public async Task<GatewayResult> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken ct)
    {
        var result = await SendAsync(async uri => await http.GetAsync(new Uri(uri, $"v1/operations/{Uri.EscapeDataString(idempotencyKey)}"), ct), ct);
        return result.Outcome == GatewayOutcome.Declined && result.DeclineCode == "not_found" ? GatewayResult.NotFound : result;
    }

    private Task<GatewayResult> PostAsync(string path, string idempotencyKey, object body, CancellationToken ct) =>
        SendAsync(async uri =>
        {
            // The body as bytes with its length: JsonContent would stream it chunked, and the gateway then decodes the chunks.
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            content.Headers.ContentType = JsonType;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, path)) { Content = content };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await http.SendAsync(request, ct);
        }, ct);

    private async Task<GatewayResult> SendAsync(Func<Uri, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var baseAddress = await endpoint.AddressAsync(ct);
        HttpResponseMessage response;
        try
        {
            response = await send(baseAddress);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return GatewayResult.Unknown;
        }
        using (response)
        {
            JsonNode? json = null;
            try
            {
                json = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or HttpRequestException)
            {
                if (response.IsSuccessStatusCode) return GatewayResult.Unknown;
            }
            if (response.IsSuccessStatusCode) return new GatewayResult(GatewayOutcome.Succeeded, json?["id"]?.GetValue<string>());
            if ((int)response.StatusCode >= 500) return new GatewayResult(GatewayOutcome.Failed, null, "processing_error");
            var code = json?["error"]?["code"]?.GetValue<string>() ?? (response.StatusCode == HttpStatusCode.NotFound ? "not_found" : "card_declined");
            return new GatewayResult(GatewayOutcome.Declined, null, code);
        }
    }
}
