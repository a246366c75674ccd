using Maison.Commerce.Inventory;
using Maison.Commerce.Inventory.Contracts;

namespace Maison.Commerce.Tests.Inventory;

public sealed class ReservationTests
{
    [Fact]
    public void A_held_reservation_can_be_committed_or_released_but_nothing_follows_either()
    {
        Assert.Equal(ReservationStatus.Committed, Reservation.Next(ReservationStatus.Held, ReservationTrigger.Commit));
        Assert.Equal(ReservationStatus.Released, Reservation.Next(ReservationStatus.Held, ReservationTrigger.Expire));
        foreach (var closed in new[] { ReservationStatus.Committed, ReservationStatus.Released })
        {
            foreach (var trigger in Enum.GetValues<ReservationTrigger>())
            {
                var e = Assert.Throws<Maison.Commerce.Platform.DomainException>(() => Reservation.Next(closed, trigger));
                Assert.Equal("invalid_transition", e.Code);
            }
        }
    }
}
