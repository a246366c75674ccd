using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Maison.Commerce.Platform.Events.RabbitMq;

/// <summary>
/// Consumes each handler's queue and applies messages through the inbox; acks only after the handler's transaction
/// committed (or after the failure was parked for retry or dead-lettered), so a crash redelivers, never loses.
/// </summary>
public sealed class RabbitMqConsumer(RabbitMqBus bus, HandlerInvoker invoker, IServiceScopeFactory scopes, EventBusOptions options,
    TimeProvider time, ILogger<RabbitMqConsumer> logger) : BackgroundService
{
    private readonly List<IChannel> _channels = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await bus.ConnectionAsync(stoppingToken);
                foreach (var registration in bus.Registrations)
                {
                    var channel = await connection.CreateChannelAsync(
                        new CreateChannelOptions(false, false, consumerDispatchConcurrency: (ushort)options.Concurrency), stoppingToken);
                    _channels.Add(channel);
                    await channel.BasicQosAsync(0, options.Prefetch, global: false, stoppingToken);
                    var consumer = new AsyncEventingBasicConsumer(channel);
                    consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, registration, delivery, stoppingToken);
                    await channel.BasicConsumeAsync(bus.QueueOf(registration), autoAck: false, consumer, stoppingToken);
                }
                return; // the client recovers connections and consumers by itself from here on
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not start consuming from RabbitMQ; retrying");
                await CloseChannelsAsync();
                await Task.Delay(options.Poll * 4, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, EventHandlerRegistration registration, BasicDeliverEventArgs delivery, CancellationToken stopping)
    {
        EventEnvelope message;
        int attempt;
        try
        {
            (message, attempt) = RabbitMqBus.Read(delivery.BasicProperties, delivery.Body);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // Not one of ours (no or a malformed message id): left unacknowledged it would hold a prefetch slot forever.
            logger.LogError(ex, "Rejected a delivery on {Queue} that is not a Maison event", bus.QueueOf(registration));
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
            return;
        }
        try
        {
            await invoker.InvokeAsync(registration, message, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            return;
        }
        catch (HandlerFailedException ex)
        {
            try
            {
                await ParkAsync(registration, message, attempt, ex);
            }
            catch (Exception parking)
            {
                // Neither the retry queue nor the dead-letter table took it: the broker keeps it and delivers it again.
                logger.LogError(parking, "Could not park a failed delivery of {Type} {Id}; requeueing it", message.Type, message.Id);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                return;
            }
        }
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
    }

    /// <summary>A failed delivery waits in the handler's retry queue for its backoff, or becomes a dead letter.</summary>
    private async Task ParkAsync(EventHandlerRegistration registration, EventEnvelope message, int attempt, HandlerFailedException error)
    {
        if (attempt < options.MaxAttempts)
        {
            var delay = Backoff.Delay(attempt, options.RetryBase, options.RetryMax);
            EventMetrics.Retried.Add(1);
            logger.LogWarning("Attempt {Attempt} of {Handler} on {Type} {Id} failed; retrying in {Delay}: {Error}",
                attempt, error.Handler, message.Type, message.Id, delay, error.InnerException?.Message);
            // Bounded like the relay's deliveries: a confirm that never comes must not hold this delivery's slot forever
            // (the caller then requeues it).
            using var bounded = new CancellationTokenSource(options.Lease);
            await bus.PublishAsync("", bus.RetryQueueOf(registration), message, attempt + 1, delay, bounded.Token);
            return;
        }
        EventMetrics.DeadLettered.Add(1);
        logger.LogError("{Handler} failed {Attempts} times on {Type} {Id}; it is now a dead letter", error.Handler, attempt, message.Type, message.Id);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        db.Set<DeadLetter>().Add(new DeadLetter(message, error.Handler, attempt, $"{error.Message}\n{error.InnerException}", time.GetUtcNow()));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CloseChannelsAsync();
    }

    private async Task CloseChannelsAsync()
    {
        foreach (var channel in _channels)
        {
            try
            {
                await channel.CloseAsync();
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Closing a RabbitMQ channel failed");
            }
            await channel.DisposeAsync();
        }
        _channels.Clear();
    }
}
