using Microsoft.Extensions.Configuration;

namespace Maison.Commerce.Membership;

/// <summary>Renewal timing (<c>Maison:Membership:RenewalLeadDays</c>, <c>…:GraceDays</c>).</summary>
public sealed record MembershipOptions(TimeSpan RenewalLead, TimeSpan GracePeriod, TimeSpan RetryEvery)
{
    public static MembershipOptions From(IConfiguration configuration) => new(
        TimeSpan.FromDays(configuration.GetValue("Maison:Membership:RenewalLeadDays", 3.0)),
        TimeSpan.FromDays(configuration.GetValue("Maison:Membership:GraceDays", 7.0)),
        TimeSpan.FromHours(configuration.GetValue("Maison:Membership:RetryHours", 24.0)));
}
