using System.Text.Json;
using Maison.Commerce.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maison.Commerce.Platform.Events;

public sealed record DeadLetterResponse(
    Guid Id, Guid MessageId, Guid? TenantId, string Type, string? Handler, int Attempts, string LastError,
    DateTimeOffset OccurredAt, DateTimeOffset FailedAt, DateTimeOffset? ReplayedAt, JsonElement Payload)
{
    internal static DeadLetterResponse From(DeadLetter d)
    {
        using var payload = JsonDocument.Parse(d.Payload);
        return new(d.Id, d.MessageId, d.TenantId == Guid.Empty ? null : d.TenantId, d.Type, d.Handler, d.Attempts, d.LastError,
            d.OccurredAt, d.FailedAt, d.ReplayedAt, payload.RootElement.Clone());
    }
}

/// <summary>Operator routes over the event backbone: <c>/api/v1/platform/dead-letters</c>.</summary>
public static class DeadLetterEndpoints
{
    public static void MapDeadLetters(this MaisonRoutes routes)
    {
        var group = routes.Platform.MapGroup("/dead-letters").WithTags("Events");
        group.MapGet("", List).WithName("ListDeadLetters").WithSummary("Messages that failed every retry, newest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetDeadLetter");
        group.MapPost("/{id:guid}/replay", Replay).WithName("ReplayDeadLetter")
            .WithSummary("Put the message back into the outbox; handlers that applied it already skip it.");
    }

    private static async Task<Ok<Page<DeadLetterResponse>>> List(int? limit, string? after, DeadLetters letters, CancellationToken ct)
    {
        var page = await letters.ListAsync(limit, after, ct);
        return TypedResults.Ok(new Page<DeadLetterResponse>(page.Items.Select(DeadLetterResponse.From).ToList(), page.NextCursor));
    }

    private static async Task<Ok<DeadLetterResponse>> Get(Guid id, DeadLetters letters, CancellationToken ct) =>
        TypedResults.Ok(DeadLetterResponse.From(await letters.GetAsync(id, ct)));

    private static async Task<Accepted<DeadLetterResponse>> Replay(Guid id, DeadLetters letters, CancellationToken ct) =>
        TypedResults.Accepted($"/api/v1/platform/dead-letters/{id}", DeadLetterResponse.From(await letters.ReplayAsync(id, ct)));
}
