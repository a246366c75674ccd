using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Maison.Commerce.Tenancy;

/// <summary>Random secrets and their stored form: a SHA-256 hash, so a database leak does not leak credentials.</summary>
internal static class Secrets
{
    public static string NewToken(string prefix = "") => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
