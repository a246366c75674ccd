using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http;

namespace Maison.Commerce.Platform.Http;

public static class HttpContextExtensions
{
    /// <summary>The caller of this request, parsed once from its principal.</summary>
    public static Caller Caller(this HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(Caller), out var cached) && cached is Caller caller) return caller;
        caller = Tenancy.Contracts.Caller.From(context.User);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>The version an <c>If-Match</c> header asks for (null: none given).</summary>
    public static long? IfMatch(this HttpRequest request) => ETags.Parse(request.Headers.IfMatch.ToString());

    /// <summary>Sets the ETag header for a versioned resource.</summary>
    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETags.Format(version);
}
