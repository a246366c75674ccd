// A deliberately broken miniature of the module layout, for the architecture rule's own test.
namespace ArchFixture.Beta
{
    public sealed class Secret
    {
        public int Value => 42;
    }
}

namespace ArchFixture.Beta.Contracts
{
    public sealed class Public
    {
        public int Value => 7;
    }
}

namespace ArchFixture.Alpha
{
    public sealed class Leaky
    {
        public int Read() => new ArchFixture.Beta.Secret().Value;
    }

    public sealed class Polite
    {
        public int Read() => new ArchFixture.Beta.Contracts.Public().Value;
    }
}
