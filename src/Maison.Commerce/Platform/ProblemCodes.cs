namespace Maison.Commerce.Platform;

/// <summary>The stable machine codes of problem responses (API.md). Clients switch on these; never rename one.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string InvalidCredentials = "invalid_credentials";
    public const string InvalidRefreshToken = "invalid_refresh_token";
    public const string TooManyAttempts = "too_many_attempts";
    public const string SlugTaken = "slug_taken";
    public const string EmailTaken = "email_taken";
    public const string CodeTaken = "code_taken";
    public const string Conflict = "conflict";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string PreconditionFailed = "precondition_failed";
    public const string PreconditionRequired = "precondition_required";
    public const string UnknownCurrency = "unknown_currency";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string InvalidTransition = "invalid_transition";
    public const string PayloadTooLarge = "payload_too_large";
    public const string InternalError = "internal_error";
}
