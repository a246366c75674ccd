using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Jobs;

namespace Maison.Server.Hosting;

/// <summary>
/// Hangfire as the job engine: PostgreSQL storage when the database is PostgreSQL (jobs survive restarts and are
/// shared by every worker), in-memory storage on the embedded SQLite run. The server, and the scheduling of every
/// module's <see cref="RecurringJobRegistration"/>, run only in the worker role; the dashboard is served by the api
/// role at <c>/jobs</c> to operators (see <see cref="JobsDashboardAuthorization"/>).
/// </summary>
internal static class BackgroundJobs
{
    public const string DashboardPath = "/jobs";

    public static void AddMaisonJobs(this WebApplicationBuilder builder, MaisonRoles roles)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var provider = PersistenceModule.Provider(configuration);
        var connectionString = PersistenceModule.ConnectionString(configuration, provider);

        // The storage is this host's own singleton rather than Hangfire's static JobStorage.Current, so that several
        // hosts in one process (the tests) never share or overwrite each other's storage.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.PostgreSQL
            ? CreatePostgresStorage(connectionString, configuration)
            : new InMemoryStorage());
        // Likewise the activator: Hangfire's default reads the static JobActivator.Current, which the last host to
        // start would own; jobs must run in this host's container.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        // Hangfire's log provider is static too: the last host to start sets it, and a host disposed before another
        // starts would leave it pointing at a disposed logger factory. HostLogProvider outlives its host quietly.
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddTransient<RecurringJobRunner>();
        if (!roles.Worker) return;

        services.AddHangfireServer(o =>
        {
            o.WorkerCount = configuration.GetValue("Maison:Jobs:Workers", Math.Max(2, Environment.ProcessorCount));
            o.SchedulePollingInterval = TimeSpan.FromMilliseconds(configuration.GetValue("Maison:Jobs:PollMilliseconds", 15_000));
            o.ServerName = $"maison-{Environment.MachineName}-{Guid.NewGuid():N}"[..40];
        });
        services.AddHostedService<RecurringJobScheduler>();
    }

    public static void UseMaisonJobsDashboard(this WebApplication app) =>
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Maison jobs",
            Authorization = [],
            AsyncAuthorization = [new JobsDashboardAuthorization()],
            AppPath = "/docs",
        });

    private static PostgreSqlStorage CreatePostgresStorage(string connectionString, IConfiguration configuration)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(configuration.GetValue("Maison:Jobs:PollMilliseconds", 15_000)),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

/// <summary>
/// Hangfire logs into this host's logging; once the host is gone (only ever the case when several hosts share a process,
/// as in the tests) its messages are dropped instead of throwing <see cref="ObjectDisposedException"/> into whoever
/// asked for a logger.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(Hangfire.Logging.ILog? inner) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (inner is null) return false;
            try
            {
                return inner.Log(logLevel, messageFunc!, exception!);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}

/// <summary>Schedules every declared recurring job in Hangfire when a worker starts (idempotent: AddOrUpdate).</summary>
internal sealed class RecurringJobScheduler(IRecurringJobManager jobs, IEnumerable<RecurringJobRegistration> registrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations)
        {
            var name = registration.Name;
            jobs.AddOrUpdate<RecurringJobRunner>(name, runner => runner.RunAsync(name, CancellationToken.None), registration.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// What Hangfire stores for a recurring job: only its name. The runner finds the module's job type by that name and
/// runs it in its own DI scope. Failures retry with Hangfire's growing, jittered delays; overlapping runs of the same
/// job wait for each other.
/// </summary>
public sealed class RecurringJobRunner(IServiceScopeFactory scopes, IEnumerable<RecurringJobRegistration> registrations)
{
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task RunAsync(string name, CancellationToken ct)
    {
        var registration = registrations.FirstOrDefault(r => r.Name == name)
            ?? throw new InvalidOperationException($"No recurring job is declared as '{name}'.");
        await using var scope = scopes.CreateAsyncScope();
        var job = (IRecurringJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
        await job.RunAsync(ct);
    }
}
