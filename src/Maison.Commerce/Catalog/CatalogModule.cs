using Maison.Commerce.Catalog.Caching;
using Maison.Commerce.Catalog.Contracts;
using Maison.Commerce.Catalog.Storefront;
using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform.Jobs;
using Maison.Commerce.Pricing.Contracts;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Maison.Commerce.Catalog;

public static class CatalogModule
{
    public const string RedisConnectionName = "Redis";

    /// <summary>How old the storefront's availability may be, whatever the stock events did (ADR 0029); default 60 s, at least 3.</summary>
    public const string AvailabilityMaxAgeKey = "Maison:Catalog:AvailabilityMaxAgeSeconds";

    /// <summary>While Redis cannot be reached, how long a storefront entry of this instance lives (ADR 0027); default 5 s.</summary>
    public const string OutageWindowKey = "Maison:Catalog:RedisOutageWindowSeconds";

    /// <summary>Catalog and its storefront cache: HybridCache with Redis as L2 when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CatalogAdministration>();
        services.AddScoped<SkuDirectory>();
        services.AddScoped<ISkuDirectory>(sp => sp.GetRequiredService<SkuDirectory>());
        services.AddScoped<SnapshotLoader>();
        services.AddScoped<ProductSearch>();
        services.AddScoped<StorefrontReader>();
        var availabilityMaxAge = TimeSpan.FromSeconds(configuration.GetValue(AvailabilityMaxAgeKey, (int)StorefrontCache.DefaultAvailabilityMaxAge.TotalSeconds));
        services.AddSingleton(sp => new StorefrontCache(sp.GetRequiredService<HybridCache>(), sp.GetRequiredService<ICatalogVersions>(), availabilityMaxAge));
        services.AddSingleton<IStorefrontCache>(sp => sp.GetRequiredService<StorefrontCache>());
        services.AddEventHandler<ProductCreated, StorefrontInvalidation>();
        services.AddEventHandler<ProductUpdated, StorefrontInvalidation>();
        services.AddEventHandler<CollectionUpdated, StorefrontInvalidation>();
        services.AddEventHandler<PricesChanged, StorefrontInvalidation>();
        services.AddEventHandler<PriceListPublished, StorefrontInvalidation>();
        services.AddEventHandler<TaxRateSet, StorefrontInvalidation>();
        services.AddEventHandler<StockChanged, StockInvalidation>();
        services.AddEventHandler<SoldOut, StockInvalidation>();
        services.AddEventHandler<BackInStock, StockInvalidation>();
        // Until the membership module is composed everyone is a guest; its AddScoped registration wins either way.
        services.TryAddScoped<IMembershipCheck, GuestMembershipCheck>();

        services.AddHybridCache(o =>
        {
            // A tenant's catalogue snapshot is one entry; the default 1 MB cap would keep big catalogues out of L2.
            o.MaximumPayloadBytes = 64 * 1024 * 1024;
            o.MaximumKeyLength = 1024;
        }).AddSerializer<CachedResponse, CachedResponseSerializer>();

        var redis = configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<ICatalogVersions, LocalCatalogVersions>();
        }
        else
        {
            // One connection for L2 and the version keys. It keeps reconnecting in the background when Redis cannot be
            // reached (unless the connection string sets abortConnect itself): a failed first connect used to be cached
            // with the connection, and every later catalogue read of the process answered 500 until it restarted.
            var options = ConfigurationOptions.Parse(redis);
            if (!redis.Contains("abortConnect", StringComparison.OrdinalIgnoreCase)) options.AbortOnConnectFail = false;
            // While it is disconnected a command fails at once instead of waiting in the backlog for its timeout: the
            // storefront then answers from this instance's cache (ADR 0027) instead of after seconds.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            var connection = new Lazy<Task<IConnectionMultiplexer>>(async () => await ConnectionMultiplexer.ConnectAsync(options));
            services.TryAddSingleton<IConnectionMultiplexer>(_ => connection.Value.GetAwaiter().GetResult());
            services.AddStackExchangeRedisCache(o =>
            {
                o.InstanceName = "maison:";
                o.ConnectionMultiplexerFactory = () => connection.Value;
            });
            var outageWindow = TimeSpan.FromSeconds(configuration.GetValue(OutageWindowKey, 5));
            services.TryAddSingleton<ICatalogVersions>(sp => new RedisCatalogVersions(sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<ILogger<RedisCatalogVersions>>(), outageWindow));
        }
        return services;
    }
}
