using System.Diagnostics.Metrics;

namespace Maison.Commerce.Platform.Events;

/// <summary>The backbone's business meters, on the host's "Maison" meter (exported at <c>/metrics</c>).</summary>
internal static class EventMetrics
{
    private static readonly Meter Meter = new("Maison");

    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>("maison.outbox.delivered", description: "Outbox messages delivered.");

    public static readonly Counter<long> Retried = Meter.CreateCounter<long>("maison.outbox.retried", description: "Deliveries that failed and were scheduled again.");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("maison.outbox.dead_lettered", description: "Messages that failed every retry.");
}
