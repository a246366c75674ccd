using System.Collections.Concurrent;
using System.Reflection;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// Runs one handler on one message, exactly once in effect: in a fresh scope with the message's tenant set, inside a
/// transaction that also inserts the inbox row (handler, message id). A redelivered message finds its inbox row and
/// is skipped; two concurrent deliveries collide on the inbox key and only one commits.
/// </summary>
public sealed class HandlerInvoker(IServiceScopeFactory scopes, TimeProvider time)
{
    private delegate Task Invoke(object handler, IntegrationEvent @event, CancellationToken ct);

    private static readonly ConcurrentDictionary<Type, Invoke> Invokers = new();

    private static readonly MethodInfo TypedInvoke =
        typeof(HandlerInvoker).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The stable name of a handler in the inbox and on the broker.</summary>
    public static string NameOf(EventHandlerRegistration registration) => registration.HandlerType.FullName!;

    /// <summary>Applies the message with the handler; false when it had been applied before.</summary>
    public async Task<bool> InvokeAsync(EventHandlerRegistration registration, EventEnvelope message, CancellationToken ct)
    {
        var name = NameOf(registration);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (typeof(IRepeatableEventHandler).IsAssignableFrom(registration.HandlerType))
            {
                // Applying it twice is applying it once: no inbox row, no transaction, no round trip of ours.
                await SetTenantAsync(services, message, ct);
                await Invokers.GetOrAdd(registration.EventType, CreateInvoker)(services.GetRequiredService(registration.HandlerType),
                    EventTypes.Deserialize(message.ClrType, message.Payload), ct);
                return true;
            }
            IntegrationEvent? @event = null;
            if (typeof(ISelectiveEventHandler).IsAssignableFrom(registration.HandlerType))
            {
                // Most messages ask nothing of it (no subscriber): one read, no inbox row, no transaction (ADR 0015).
                @event = EventTypes.Deserialize(message.ClrType, message.Payload);
                await SetTenantAsync(services, message, ct);
                if (!await ((ISelectiveEventHandler)services.GetRequiredService(registration.HandlerType)).WantsAsync(@event, ct)) return true;
            }
            var db = services.GetRequiredService<CommerceDb>();
            // The transaction below rolls back whole on any failure: EF's automatic savepoints around its two saves would
            // only cost two round trips per message and handler (ADR 0013).
            db.Database.AutoSavepointsEnabled = false;
            // Fast path outside the transaction on SQLite (it would otherwise turn a read-then-write into a busy error).
            // On PostgreSQL the inbox row's key answers the same question inside the transaction, one round trip less.
            if (!db.IsPostgres && await db.Set<InboxEntry>().AnyAsync(e => e.Handler == name && e.MessageId == message.Id, ct)) return false;

            if (@event is null)
            {
                @event = EventTypes.Deserialize(message.ClrType, message.Payload);
                await SetTenantAsync(services, message, ct);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<InboxEntry>().Add(new InboxEntry(name, message.Id, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Only a committed inbox row means "applied already"; any other failure (a busy database) is retried.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (await db.Set<InboxEntry>().AnyAsync(e => e.Handler == name && e.MessageId == message.Id, ct)) return false;
                throw;
            }
            var handler = services.GetRequiredService(registration.HandlerType);
            await Invokers.GetOrAdd(registration.EventType, CreateInvoker)(handler, @event, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new HandlerFailedException(name, ex);
        }
    }

    private static async Task SetTenantAsync(IServiceProvider services, EventEnvelope message, CancellationToken ct)
    {
        if (message.TenantId == Guid.Empty) return;
        var tenant = await services.GetRequiredService<ITenantDirectory>().FindByIdAsync(message.TenantId, ct)
            ?? throw new InvalidOperationException($"Tenant {message.TenantId} of message {message.Id} does not exist.");
        services.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Slug);
    }

    private static Invoke CreateInvoker(Type eventType) =>
        TypedInvoke.MakeGenericMethod(eventType).CreateDelegate<Invoke>();

    private static Task InvokeTyped<TEvent>(object handler, IntegrationEvent @event, CancellationToken ct) where TEvent : IntegrationEvent =>
        ((IEventHandler<TEvent>)handler).HandleAsync((TEvent)@event, ct);
}
