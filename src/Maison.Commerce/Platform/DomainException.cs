namespace Maison.Commerce.Platform;

/// <summary>
/// A business "no" with a stable machine code; the host turns it into an RFC 9457 problem response.
/// </summary>
public class DomainException(string code, string detail, int status = 409, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;

    public static DomainException NotFound(string what) => new(ProblemCodes.NotFound, $"{what} was not found.", 404);

    public static DomainException Validation(string field, string message) =>
        new(ProblemCodes.ValidationFailed, message, 400,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static DomainException Conflict(string code, string detail) => new(code, detail, 409);
}
