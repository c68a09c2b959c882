using Ballotline.Crypto.Group;
using Ballotline.Crypto.Tally;

namespace Ballotline.Crypto.Tests;

public sealed class DiscreteLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(65537)]
    [InlineData(3_141_592)]
    [InlineData(10_000_000)]
    public void The_discrete_log_of_a_count_up_to_ten_million_is_found(long m)
    {
        Assert.Equal(m, DiscreteLog.Find(GroupElement.GeneratorPower(m), 10_000_000));
    }

    [Fact]
    public void A_power_beyond_the_bound_is_not_found()
    {
        Assert.Null(DiscreteLog.Find(GroupElement.GeneratorPower(1001), 1000));
        Assert.Null(DiscreteLog.Find(GroupElement.GeneratorPower(Scalar.FromInt64(-1)), 200_000));
    }
}
