using System.Diagnostics;
using System.Text.Json;
using Maison.Commerce.Platform;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Maison.Server.Hosting;

/// <summary>
/// The one place where errors become RFC 9457 problem details with a stable <c>code</c>: domain exceptions carry
/// theirs; malformed requests are 400 <c>validation_failed</c>; anything else is a logged 500 that reveals nothing.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, code, detail, extensions) = Classify(exception);
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        else logger.LogDebug("{Code}: {Detail}", code, detail);

        if (context.Response.HasStarted) return false;
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (extensions?.TryGetValue("retryAfterSeconds", out var retry) == true && retry is not null)
        {
            context.Response.Headers.RetryAfter = retry.ToString();
        }
        var problem = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Code, string Detail, IReadOnlyDictionary<string, object?>? Extensions) Classify(Exception exception) =>
        exception switch
        {
            DomainException d => (d.Status, d.Code, d.Message, d.Extensions),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, ProblemCodes.PayloadTooLarge, "The request body is too large.", null),
            BadHttpRequestException b => Malformed(b),
            JsonException j => Malformed(j),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException =>
                (412, ProblemCodes.PreconditionFailed, "The resource changed since you read it; fetch it again and retry.", null),
            OperationCanceledException => (499, "client_closed_request", "The request was cancelled.", null),
            _ => (500, ProblemCodes.InternalError, "An unexpected error occurred; it has been logged.", null),
        };

    /// <summary>
    /// A body or parameter that could not be read. The JSON path tells the client which field is wrong; the
    /// framework's own message is not echoed, since it names our internal .NET types.
    /// </summary>
    private static (int, string, string, IReadOnlyDictionary<string, object?>?) Malformed(Exception exception)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        if (json is null)
        {
            // "Failed to bind parameter "int? limit" from "abc"." → the parameter's name, not its .NET type.
            var parameter = System.Text.RegularExpressions.Regex.Match(exception.Message, "parameter \"(?:[^\"]* )?([A-Za-z0-9_]+)\" from");
            if (parameter.Success)
            {
                var name = parameter.Groups[1].Value;
                return (400, ProblemCodes.ValidationFailed, $"The parameter '{name}' has the wrong format.",
                    new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = ["has the wrong format"] } });
            }
            return (400, ProblemCodes.ValidationFailed, "The request needs a valid JSON body.", null);
        }
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path;
        var field = path == "$" ? "body" : path.TrimStart('$', '.');
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine})" : "";
        var message = json.InnerException is null && json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "has the wrong type or format"
            : "is not valid JSON or has the wrong type or format";
        return (400, ProblemCodes.ValidationFailed, $"The request body is not valid at {path}{where}: it {message}.",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
    }
}

internal static class ProblemHandling
{
    public static void AddMaisonProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<ProblemExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Type ??= $"https://maison.dev/problems/{problem.Status}";
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = problem.Status switch
                {
                    400 => ProblemCodes.ValidationFailed,
                    401 => ProblemCodes.Unauthenticated,
                    403 => ProblemCodes.Forbidden,
                    404 => ProblemCodes.NotFound,
                    405 => "method_not_allowed",
                    413 => ProblemCodes.PayloadTooLarge,
                    415 => "unsupported_media_type",
                    _ when problem.Status >= 500 => ProblemCodes.InternalError,
                    _ => "error",
                };
            }
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
    }
}
