using Maison.Commerce.Platform.Events;
using Microsoft.Extensions.Configuration;

namespace Maison.Commerce.Tests.Events;

public sealed class EventBusOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void RabbitMQ_on_SQLite_is_refused_at_start_up_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventBusOptions.From(Config(
            ("Maison:Bus", "RabbitMQ"), ("ConnectionStrings:RabbitMQ", "amqp://guest:guest@127.0.0.1:5672/"))));
        Assert.Contains("PostgreSQL", error.Message);
    }

    [Fact]
    public void RabbitMQ_on_PostgreSQL_and_the_in_process_bus_on_SQLite_are_accepted()
    {
        var rabbit = EventBusOptions.From(Config(("Maison:Bus", "RabbitMQ"), ("Maison:Database:Provider", "PostgreSQL"),
            ("ConnectionStrings:RabbitMQ", "amqp://guest:guest@127.0.0.1:5672/")));
        Assert.Equal(BusKind.RabbitMQ, rabbit.Bus);
        Assert.Equal(BusKind.InProcess, EventBusOptions.From(Config()).Bus);
    }
}
