using System.Text.Json;

namespace Maison.Commerce.Payments.Sandbox;

/// <summary>The sandbox gateway's handlers: each operation runs once per idempotency key.</summary>
internal sealed class SandboxRoutes(SandboxLedger ledger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task Authorize(HttpContext http, SandboxAuthorizeBody body)
    {
        if (!TryKey(http, out var key)) return;
        var response = ledger.Once(key, () => body.Token switch
        {
            "tok_declined" => Decline("card_declined"),
            "tok_insufficient_funds" => Decline("insufficient_funds"),
            "tok_error" => new SandboxResponse(500, Error("processing_error", "The sandbox failed, as tok_error asks.")),
            _ when body.Amount <= 0 => new SandboxResponse(400, Error("invalid_amount", "amount must be positive.")),
            _ => Record(key, body, lost: body.Token == "tok_timeout"),
        });
        await WriteAsync(http, response);
    }

    public Task Capture(HttpContext http, string id, SandboxAmountBody body) =>
        Mutate(http, id, a =>
        {
            if (a.Status is not ("authorized" or "partially_captured")) return Invalid($"cannot capture an authorization that is {a.Status}");
            if (body.Amount <= 0 || a.Captured + body.Amount > a.Amount) return Invalid("amount exceeds what is authorized");
            a.Captured += body.Amount;
            a.Status = a.Captured == a.Amount ? "captured" : "partially_captured";
            return null;
        });

    public Task Void(HttpContext http, string id) =>
        Mutate(http, id, a =>
        {
            if (a.Status != "authorized") return Invalid($"cannot void an authorization that is {a.Status}");
            a.Status = "voided";
            return null;
        });

    public Task Refund(HttpContext http, string id, SandboxAmountBody body) =>
        Mutate(http, id, a =>
        {
            if (body.Amount <= 0 || a.Refunded + body.Amount > a.Captured) return Invalid("amount exceeds what is captured");
            a.Refunded += body.Amount;
            return null;
        });

    public IResult Find(string key) =>
        ledger.Find(key) is { } stored ? Results.Json(stored.Body, Json, statusCode: stored.Status) : Results.Json(Error("not_found", "no operation with this key"), Json, statusCode: 404);

    private SandboxResponse Record(string key, SandboxAuthorizeBody body, bool lost)
    {
        var authorization = new SandboxAuthorization
        {
            Id = "auth_" + Guid.NewGuid().ToString("N")[..20],
            IdempotencyKey = key,
            Token = body.Token,
            Currency = body.Currency,
            Amount = body.Amount,
        };
        ledger.Authorizations[authorization.Id] = authorization;
        return new SandboxResponse(201, View(authorization), lost);
    }

    private async Task Mutate(HttpContext http, string id, Func<SandboxAuthorization, SandboxResponse?> change)
    {
        if (!TryKey(http, out var key)) return;
        var response = ledger.Once(key, () =>
        {
            if (!ledger.Authorizations.TryGetValue(id, out var a)) return new SandboxResponse(404, Error("not_found", "no such authorization"));
            lock (a)
            {
                return change(a) ?? new SandboxResponse(200, View(a));
            }
        });
        await WriteAsync(http, response);
    }

    private static async Task WriteAsync(HttpContext http, SandboxResponse response)
    {
        if (response.Lost)
        {
            // The effect happened; the answer never arrives.
            http.Abort();
            return;
        }
        http.Response.StatusCode = response.Status;
        await http.Response.WriteAsJsonAsync(response.Body, Json);
    }

    private static bool TryKey(HttpContext http, out string key)
    {
        key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0) return true;
        http.Response.StatusCode = 400;
        return false;
    }

    private static object View(SandboxAuthorization a) =>
        new { id = a.Id, status = a.Status, amount = a.Amount, currency = a.Currency, captured = a.Captured, refunded = a.Refunded };

    private static SandboxResponse Decline(string code) => new(402, Error(code, "The card was declined."));

    private static SandboxResponse Invalid(string message) => new(409, Error("invalid_request", message));

    private static object Error(string code, string message) => new { error = new { code, message } };
}
