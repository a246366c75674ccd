namespace Maison.Server.Hosting;

/// <summary>
/// Verbs: <c>migrate</c> applies the schema and exits; <c>sandbox-gateway [--urls URL]</c> runs the sandbox payment
/// provider alone; otherwise the server runs, migrating first.
/// <c>--demo</c> seeds the demo tenant and, when none is configured, a demo operator, and prints how to sign in.
/// </summary>
public static class MaisonCli
{
    public const string DemoOperatorEmail = "operator@maison.test";
    public const string DemoOperatorPassword = "maison-operator";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "sandbox-gateway")
        {
            // The sandbox payment provider alone, for demos and for servers configured with Maison:Payments:Sandbox:Url.
            var url = args.Length > 2 && args[1] == "--urls" ? args[2] : "http://127.0.0.1:5090";
            Console.WriteLine($"Sandbox payment gateway listening on {url}");
            await Commerce.Payments.Sandbox.SandboxGatewayApp.RunAsync(url);
            return 0;
        }
        var migrateOnly = args.Length > 0 && args[0] == "migrate";
        var demo = args.Contains("--demo");
        var rest = args.Where(a => a != "--demo").Skip(migrateOnly ? 1 : 0).ToArray();

        var app = MaisonApp.Build(rest, builder =>
        {
            if (demo && string.IsNullOrEmpty(builder.Configuration["Maison:Bootstrap:OperatorEmail"]))
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Maison:Bootstrap:OperatorEmail"] = DemoOperatorEmail,
                    ["Maison:Bootstrap:OperatorPassword"] = DemoOperatorPassword,
                });
            }
            if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            {
                builder.WebHost.UseUrls("http://127.0.0.1:5080");
            }
        });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Maison");
        await Startup.MigrateAsync(app.Services);
        if (migrateOnly)
        {
            logger.LogInformation("Database schema is up to date.");
            return 0;
        }
        await Startup.BootstrapOperatorAsync(app.Services, app.Configuration, logger);
        if (demo) await Startup.SeedDemoAsync(app.Services, DemoCredentials.Default);

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, demo));
        await app.RunAsync();
        return 0;
    }

    private static void PrintWelcome(WebApplication app, bool demo)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var lines = new List<string>
        {
            "",
            "Maison is running.",
            $"  API docs (Scalar):  {url}/docs",
            $"  OpenAPI document:   {url}/openapi/v1.json",
            $"  Health:             {url}/health/ready",
            $"  Metrics:            {url}/metrics",
        };
        if (demo)
        {
            var d = DemoCredentials.Default;
            lines.Add($"  Operator:           {app.Configuration["Maison:Bootstrap:OperatorEmail"]} / {(app.Configuration["Maison:Bootstrap:OperatorEmail"] == DemoOperatorEmail ? DemoOperatorPassword : "(as configured)")}");
            lines.Add($"  Demo tenant:        {d.TenantSlug}  (owner {d.OwnerEmail} / {d.OwnerPassword})");
            lines.Add($"  Sign in:            curl -s {url}/api/v1/auth/token -H 'content-type: application/json' -d '{{\"email\":\"{d.OwnerEmail}\",\"password\":\"{d.OwnerPassword}\",\"tenant\":\"{d.TenantSlug}\"}}'");
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
