using System.Net;
using System.Text;
using Maison.Commerce.Payments;
using Maison.Commerce.Payments.Stripe;
using Maison.Commerce.Platform;
using Stripe;

namespace Maison.Commerce.Tests.Payments;

/// <summary>The Stripe adapter against a handler that replays Stripe's documented responses; no network.</summary>
public sealed class StripeGatewayTests
{
    private readonly StripeReplay _stripe = new();

    private StripeGateway Gateway => new(new StripeClient("sk_test_replay",
        httpClient: new SystemNetHttpClient(new HttpClient(_stripe), maxNetworkRetries: 0)));

    [Fact]
    public async Task An_authorization_is_a_manual_capture_payment_intent_sent_with_our_idempotency_key()
    {
        var result = await Gateway.AuthorizeAsync("pay1:authorize", Money.Of(125_000, "GBP"), "pm_card_visa", default);

        Assert.Equal(GatewayOutcome.Succeeded, result.Outcome);
        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", result.Reference);
        var request = Assert.Single(_stripe.Requests);
        Assert.Equal("POST /v1/payment_intents", request.Line);
        Assert.Equal("pay1:authorize", request.IdempotencyKey);
        Assert.Contains("capture_method=manual", request.Body);
        Assert.Contains("amount=125000", request.Body);
        Assert.Contains("currency=gbp", request.Body);
        Assert.Contains("confirm=true", request.Body);
        Assert.Contains("metadata[maison_idempotency_key]=pay1:authorize", Uri.UnescapeDataString(request.Body));
    }

    [Fact]
    public async Task A_card_error_is_a_decline_with_stripes_decline_code()
    {
        var result = await Gateway.AuthorizeAsync("pay2:authorize", Money.Of(5_000, "GBP"), "pm_card_visa_chargeDeclinedInsufficientFunds", default);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal("insufficient_funds", result.DeclineCode);
    }

    [Fact]
    public async Task A_stripe_500_is_a_failure_the_caller_may_retry()
    {
        var result = await Gateway.AuthorizeAsync("pay3:authorize", Money.Of(5_000, "GBP"), "pm_error", default);

        Assert.Equal(GatewayOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task Capture_and_refund_carry_their_own_keys_and_amounts()
    {
        var capture = await Gateway.CaptureAsync("pay1:capture:1", "pi_3MtwBwLkdIwHu7ix28a3tqPa", Money.Of(100_000, "GBP"), default);
        var refund = await Gateway.RefundAsync("pay1:refund:1", "pi_3MtwBwLkdIwHu7ix28a3tqPa", Money.Of(2_000, "GBP"), default);

        Assert.Equal(GatewayOutcome.Succeeded, capture.Outcome);
        Assert.Equal(GatewayOutcome.Succeeded, refund.Outcome);
        Assert.Equal("POST /v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/capture", _stripe.Requests[0].Line);
        Assert.Equal("pay1:capture:1", _stripe.Requests[0].IdempotencyKey);
        Assert.Contains("amount_to_capture=100000", _stripe.Requests[0].Body);
        Assert.Equal("POST /v1/refunds", _stripe.Requests[1].Line);
        Assert.Equal("pay1:refund:1", _stripe.Requests[1].IdempotencyKey);
        Assert.Contains("payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa", _stripe.Requests[1].Body);
    }

    [Fact]
    public async Task A_lost_authorization_is_found_again_by_searching_its_idempotency_key()
    {
        var found = await Gateway.FindByIdempotencyKeyAsync("pay1:authorize", default);
        var missing = await Gateway.FindByIdempotencyKeyAsync("never-sent", default);

        Assert.Equal(GatewayOutcome.Succeeded, found.Outcome);
        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", found.Reference);
        Assert.Contains("metadata['maison_idempotency_key']:'pay1:authorize'", Uri.UnescapeDataString(_stripe.Requests[0].Query.Replace('+', ' ')));
        Assert.Equal(GatewayOutcome.Declined, missing.Outcome);
        Assert.Equal("not_processed", missing.DeclineCode);
    }

    private sealed record Recorded(string Line, string? IdempotencyKey, string Body, string Query);

    /// <summary>Answers as api.stripe.com does, with the JSON of Stripe's API reference examples.</summary>
    private sealed class StripeReplay : HttpMessageHandler
    {
        private const string Intent = """
            {"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":125000,"amount_capturable":125000,"amount_received":0,
             "capture_method":"manual","confirmation_method":"automatic","created":1680800504,"currency":"gbp","livemode":false,
             "metadata":{"maison_idempotency_key":"pay1:authorize"},"payment_method":"pm_1MtwBwLkdIwHu7ixpM1234","status":"__STATUS__"}
            """;

        public List<Recorded> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null;
            var path = request.RequestUri!.AbsolutePath;
            Requests.Add(new Recorded($"{request.Method} {path}", key, body, request.RequestUri.Query));
            return (request.Method.Method, path) switch
            {
                ("POST", "/v1/payment_intents") when body.Contains("pm_error", StringComparison.Ordinal) =>
                    Json(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"An unknown error occurred"}}"""),
                ("POST", "/v1/payment_intents") when body.Contains("Declined", StringComparison.Ordinal) => Json(HttpStatusCode.PaymentRequired, """
                    {"error":{"code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined",
                     "message":"Your card has insufficient funds.","type":"card_error"}}
                    """),
                ("POST", "/v1/payment_intents") => Json(HttpStatusCode.OK, Intent.Replace("__STATUS__", "requires_capture")),
                ("POST", "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/capture") => Json(HttpStatusCode.OK, Intent.Replace("__STATUS__", "succeeded")),
                ("POST", "/v1/refunds") => Json(HttpStatusCode.OK, """
                    {"id":"re_1Nispe2eZvKYlo2Cd31jOCgZ","object":"refund","amount":2000,"currency":"gbp","created":1692942318,
                     "payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa","status":"succeeded","metadata":{}}
                    """),
                ("GET", "/v1/payment_intents/search") when request.RequestUri.Query.Contains("pay1", StringComparison.Ordinal) => Json(HttpStatusCode.OK,
                    $$"""{"object":"search_result","url":"/v1/payment_intents/search","has_more":false,"next_page":null,"data":[{{Intent.Replace("__STATUS__", "requires_capture")}}]}"""),
                ("GET", "/v1/payment_intents/search") => Json(HttpStatusCode.OK,
                    """{"object":"search_result","url":"/v1/payment_intents/search","has_more":false,"next_page":null,"data":[]}"""),
                _ => Json(HttpStatusCode.NotFound, """{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}"""),
            };
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
