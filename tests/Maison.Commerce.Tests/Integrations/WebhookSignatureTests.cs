using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Integrations.Webhooks;

namespace Maison.Commerce.Tests.Integrations;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Property]
    public Property A_signature_verifies_for_its_secret_and_body(NonEmptyString secret, string? body)
    {
        var text = body ?? "";
        return WebhookSignature.Verify(WebhookSignature.Sign(secret.Get, Now, text), secret.Get, text, Now).ToProperty();
    }

    [Property]
    public Property A_changed_body_does_not_verify(NonEmptyString secret, NonEmptyString body)
    {
        var header = WebhookSignature.Sign(secret.Get, Now, body.Get);
        return (!WebhookSignature.Verify(header, secret.Get, body.Get + "x", Now)).ToProperty();
    }

    [Fact]
    public void The_header_has_the_documented_shape()
    {
        var header = WebhookSignature.Sign("secret", Now, "{}");
        Assert.Matches(@"^t=\d+,v1=[0-9a-f]{64}$", header);
        Assert.StartsWith($"t={Now.ToUnixTimeSeconds()},", header);
    }

    [Fact]
    public void A_known_vector_matches_hmac_sha256_over_timestamp_dot_body()
    {
        // HMAC-SHA256(key "secret", "1795687200.{}"), computed independently:
        // printf '1795687200.{}' | openssl dgst -sha256 -hmac secret
        Assert.Equal("t=1795687200,v1=928ece265530fe061bd7a304272ac2205927b1726399716217907daada9c2528",
            WebhookSignature.Sign("secret", DateTimeOffset.FromUnixTimeSeconds(1795687200), "{}"));
    }

    [Fact]
    public void A_signature_older_than_the_tolerance_is_refused()
    {
        var header = WebhookSignature.Sign("secret", Now - TimeSpan.FromMinutes(6), "{}");
        Assert.False(WebhookSignature.Verify(header, "secret", "{}", Now));
        Assert.True(WebhookSignature.Verify(header, "secret", "{}", Now, TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("t=99999999999999999999,v1=abc")]
    [InlineData("garbage")]
    public void Malformed_headers_are_refused(string? header) =>
        Assert.False(WebhookSignature.Verify(header, "secret", "{}", Now));

    [Fact]
    public void Any_of_several_v1_values_may_match_during_a_secret_rotation()
    {
        var current = WebhookSignature.Sign("new-secret", Now, "{}");
        var old = WebhookSignature.Sign("old-secret", Now, "{}");
        var both = current + "," + old[(old.IndexOf(',') + 1)..];
        Assert.True(WebhookSignature.Verify(both, "old-secret", "{}", Now));
        Assert.True(WebhookSignature.Verify(both, "new-secret", "{}", Now));
    }
}
