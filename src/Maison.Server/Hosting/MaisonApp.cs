using System.Text.Json;
using System.Text.Json.Serialization;
using Maison.Commerce.Catalog;
using Maison.Commerce.Checkout;
using Maison.Commerce.Integrations;
using Maison.Commerce.Membership;
using Maison.Commerce.Orders;
using Maison.Commerce.Payments;
using Maison.Commerce.Inventory;
using Maison.Commerce.Integrations.Webhooks;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Platform.Jobs;
using Maison.Commerce.Pricing;
using Maison.Commerce.Promotions;
using Maison.Commerce.Tenancy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Maison.Server.Hosting;

/// <summary>The whole system's composition: services, pipeline and routes, for both roles.</summary>
public static class MaisonApp
{
    public const string MeterName = "Maison";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddMaisonServices();
        var app = builder.Build();
        app.UseMaisonPipeline();
        return app;
    }

    public static void AddMaisonServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var roles = MaisonRoles.From(builder.Configuration);
        services.AddSingleton(roles);

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!builder.Configuration.GetValue("Maison:Logging:Plain", false))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Maison:Http:MaxRequestBodyBytes", 1_048_576);
            o.AddServerHeader = false;
        });

        // TryAdd: tests put a controllable clock (FakeTimeProvider) in first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddScoped<TenantContext>();
        services.AddPersistence(builder.Configuration);

        // One line a module: its services, handlers and jobs.
        services.AddTenancy();
        services.AddPayments(builder.Configuration);
        services.AddMembership(builder.Configuration);
        services.AddCatalog(builder.Configuration);
        services.AddPricing();
        services.AddInventory();
        services.AddPromotions();
        services.AddOrders();
        services.AddCheckout(builder.Configuration);
        services.AddEvents(builder.Configuration, roles.Worker);
        builder.AddMaisonJobs(roles);
        services.AddWebhooks(builder.Configuration, roles.Worker);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Malformed bodies must reach the one problem handler, in every environment, not a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddMaisonProblemDetails();
        services.AddRecurringJob<IdempotencyCleanupJob>("idempotency-cleanup", "17 * * * *");
        builder.AddMaisonAuthentication();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Maison API";
            document.Info.Description = "Members-only luxury commerce. See API.md for the stable surface.";
            return Task.CompletedTask;
        }));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        // Traces are sampled at the root (Maison:Telemetry:TraceSampleRatio, default 5%; a caller's sampled parent is
        // always honoured): recording a span tree for every request cost more than the cached storefront read itself.
        // Metrics stay complete.
        var sampleRatio = builder.Configuration.GetValue("Maison:Telemetry:TraceSampleRatio", 0.05);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "maison"))
            .WithTracing(t => t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(sampleRatio)))
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(MeterName).AddPrometheusExporter());
        // Traces (and metrics and logs) leave the process only to a collector named the standard way
        // (OTEL_EXPORTER_OTLP_ENDPOINT, …_PROTOCOL, …_HEADERS, read from configuration): without one, sampled spans
        // were recorded and dropped.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
    }

    public static void UseMaisonPipeline(this WebApplication app)
    {
        var roles = app.Services.GetRequiredService<MaisonRoles>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (!roles.Api) return; // a worker-only process serves nothing but health and metrics

        app.UseRouting();
        app.UseAuthentication();
        app.UseMaisonJobsDashboard();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Maison API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        // One line a module: its endpoints on the groups it serves.
        var routes = CreateRoutes(app);
        routes.MapTenancy();
        routes.MapIntegrations();
        routes.MapPayments();
        routes.MapMembership();
        routes.MapCatalog();
        routes.MapPricing();
        routes.MapInventory();
        routes.MapPromotions();
        routes.MapOrders();
        routes.MapCheckout();
        routes.MapDeadLetters();
        routes.MapWebhooks();
    }

    private static MaisonRoutes CreateRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilterFactory(ValidationFilter.Factory);
        var platform = api.MapGroup("/platform").RequireAuthorization(Commerce.Tenancy.Contracts.Permissions.PlatformAdmin);
        var tenant = api.MapGroup("/{tenant}").WithMetadata(TenantScopedMetadata.Instance);
        var admin = tenant.MapGroup("/admin").RequireAuthorization(Policies.Staff);
        var member = tenant.MapGroup("/me").RequireAuthorization(Policies.Member);
        var partner = tenant.MapGroup("/partner").RequireAuthorization(Policies.Partner);
        return new MaisonRoutes(api, platform, tenant, admin, member, partner);
    }
}
