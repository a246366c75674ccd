using Maison.Commerce.Platform;
using Maison.Commerce.Pricing.Contracts;
using Stateless;

namespace Maison.Commerce.Pricing;

public enum PriceListStatus
{
    Draft,
    Published,
}

/// <summary>
/// A tenant's price list for one currency. Prices are set per SKU, or derived from <see cref="BaseCurrency"/> with the
/// FX rate and rounding rule current at publication; publishing freezes them, so a price never moves under a member.
/// </summary>
public sealed class PriceList : ITenantOwned, IVersioned
{
    private PriceList() { }

    public PriceList(Guid tenantId, Currency currency, Currency? baseCurrency, RoundingRule rounding)
    {
        if (baseCurrency == currency) throw DomainException.Validation("baseCurrency", "A price list cannot derive from its own currency.");
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Currency = currency;
        Configure(baseCurrency, rounding);
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Currency Currency { get; private set; } = null!;

    public Currency? BaseCurrency { get; private set; }

    public RoundingMode RoundingMode { get; private set; }

    public long RoundingStepMinor { get; private set; }

    public PriceListStatus Status { get; private set; } = PriceListStatus.Draft;

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The FX rate the derived prices were frozen with (null: nothing derived).</summary>
    public decimal? PublishedRate { get; private set; }

    public long Version { get; set; }

    public RoundingRule Rounding => new(RoundingMode, RoundingStepMinor);

    /// <summary>Changing the rule re-opens the list as a draft: its frozen prices stay until it is published again.</summary>
    public void Configure(Currency? baseCurrency, RoundingRule rounding)
    {
        rounding.Validate();
        BaseCurrency = baseCurrency;
        RoundingMode = rounding.Mode;
        RoundingStepMinor = rounding.StepMinor;
        if (Status == PriceListStatus.Published) Fire(PriceListTrigger.Edit);
    }

    public void MarkPublished(decimal? rate, DateTimeOffset now)
    {
        Fire(PriceListTrigger.Publish);
        PublishedAt = now;
        PublishedRate = rate;
    }

    private void Fire(PriceListTrigger trigger)
    {
        var machine = new StateMachine<PriceListStatus, PriceListTrigger>(() => Status, s => Status = s);
        machine.Configure(PriceListStatus.Draft).Permit(PriceListTrigger.Publish, PriceListStatus.Published);
        machine.Configure(PriceListStatus.Published)
            .PermitReentry(PriceListTrigger.Publish)
            .Permit(PriceListTrigger.Edit, PriceListStatus.Draft);
        if (!machine.CanFire(trigger))
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, $"A {Status.ToString().ToLowerInvariant()} price list cannot {trigger.ToString().ToLowerInvariant()}.");
        }
        machine.Fire(trigger);
    }

    private enum PriceListTrigger
    {
        Publish,
        Edit,
    }
}
