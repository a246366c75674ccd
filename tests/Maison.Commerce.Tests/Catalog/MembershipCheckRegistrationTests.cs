using Maison.Commerce.Catalog;
using Maison.Commerce.Membership.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Tests.Catalog;

/// <summary>The catalogue's guest-only fallback must give way to the membership module whichever registers first.</summary>
public sealed class MembershipCheckRegistrationTests
{
    private sealed class RealMemberships : IMembershipCheck
    {
        public ValueTask<MemberStanding> StandingAsync(Guid accountId, CancellationToken ct) => throw new NotSupportedException();
    }

    private static Type Resolved(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.Last(d => d.ServiceType == typeof(IMembershipCheck)).ImplementationType!;
    }

    [Fact]
    public void Membership_registered_after_the_catalogue_wins() =>
        Assert.Equal(typeof(RealMemberships), Resolved(s => s.AddCatalog(new ConfigurationBuilder().Build()).AddScoped<IMembershipCheck, RealMemberships>()));

    [Fact]
    public void Membership_registered_before_the_catalogue_wins() =>
        Assert.Equal(typeof(RealMemberships), Resolved(s => s.AddScoped<IMembershipCheck, RealMemberships>().AddCatalog(new ConfigurationBuilder().Build())));

    [Fact]
    public async Task Without_membership_everyone_is_a_guest()
    {
        var type = Resolved(s => s.AddCatalog(new ConfigurationBuilder().Build()));
        var fallback = (IMembershipCheck)Activator.CreateInstance(type, nonPublic: true)!;
        Assert.Equal(MemberStanding.Guest, await fallback.StandingAsync(Guid.NewGuid(), default));
    }
}
