using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maison.Commerce.Payments;

/// <summary>Money on the wire (API.md): integer minor units of an ISO currency.</summary>
public sealed record AmountBody(
    [property: Required, StringLength(3, MinimumLength = 3)] string Currency,
    [property: Range(1, long.MaxValue)] long AmountMinor)
{
    public Money ToMoney() => Money.Of(AmountMinor, Currency.ToUpperInvariant());

    public static AmountBody From(Money money) => new(money.Currency.Code, money.AmountMinor);
}

/// <summary>A payment taken by staff (e.g. over the phone), authorized now and captured later.</summary>
public sealed record CreatePaymentRequest(
    [property: Required] AmountBody Amount,
    [property: Required, MinLength(1), MaxLength(200)] string Token,
    [property: MaxLength(150)] string? Reference);

public sealed record PaymentAmountRequest([property: Required] AmountBody Amount);

public sealed record PaymentResponse(Guid Id, string Reference, PaymentStatus Status, AmountBody Amount, AmountBody Captured, AmountBody Refunded,
    string? DeclineCode)
{
    internal static PaymentResponse From(PaymentView p) =>
        new(p.Id, p.Reference, p.Status, AmountBody.From(p.Amount), AmountBody.From(p.Captured), AmountBody.From(p.Refunded), p.DeclineCode);
}

/// <summary>Finance staff's view of payments: take one, capture, refund, void. Other modules use <see cref="IPayments"/>.</summary>
public static class PaymentsEndpoints
{
    public static void MapPayments(this MaisonRoutes routes)
    {
        var admin = routes.Admin.MapGroup("/payments").WithTags("Payments").RequireAuthorization(Permissions.PaymentsWrite);
        admin.MapPost("", Create).WithName("CreatePayment").WithSummary("Authorize a payment (send an Idempotency-Key).");
        admin.MapGet("/{id:guid}", Get).WithName("GetPayment");
        admin.MapPost("/{id:guid}/captures", Capture).WithName("CapturePayment").WithSummary("Capture part or all of what is authorized.");
        admin.MapPost("/{id:guid}/refunds", Refund).WithName("RefundPayment").WithSummary("Refund part or all of what was captured.");
        admin.MapPost("/{id:guid}/void", Void).WithName("VoidPayment");
    }

    private static async Task<Created<PaymentResponse>> Create(CreatePaymentRequest request, IPayments payments, TenantContext tenant, CancellationToken ct)
    {
        var reference = request.Reference is { Length: > 0 } r ? "manual:" + r : $"manual:{Guid.CreateVersion7():N}";
        var payment = (await payments.AuthorizeAsync(reference, request.Amount.ToMoney(), request.Token, ct)).EnsureAuthorized();
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/payments/{payment.Id}", PaymentResponse.From(payment));
    }

    private static async Task<Ok<PaymentResponse>> Get(Guid id, IPayments payments, CancellationToken ct) =>
        TypedResults.Ok(PaymentResponse.From(await payments.FindAsync(id, ct) ?? throw DomainException.NotFound("Payment")));

    private static async Task<Ok<PaymentResponse>> Capture(Guid id, PaymentAmountRequest request, IPayments payments, CancellationToken ct) =>
        TypedResults.Ok(PaymentResponse.From(await payments.CaptureAsync(id, request.Amount.ToMoney(), ct)));

    private static async Task<Ok<PaymentResponse>> Refund(Guid id, PaymentAmountRequest request, IPayments payments, CancellationToken ct) =>
        TypedResults.Ok(PaymentResponse.From(await payments.RefundAsync(id, request.Amount.ToMoney(), ct)));

    private static async Task<Ok<PaymentResponse>> Void(Guid id, IPayments payments, CancellationToken ct) =>
        TypedResults.Ok(PaymentResponse.From(await payments.VoidAsync(id, ct)));
}
